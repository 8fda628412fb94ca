/**
 * Runs loadProbe.cjs in a fresh Node process with a bare environment (no NODE_OPTIONS, no
 * NODE_PATH, no tsx or jest hooks) and reports what loading the bundle did.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ProbeResult {
  loaded: boolean;
  mainType: string;
  error: string | null;
  /** Connections and DNS look-ups attempted while loading (all were blocked). */
  network: string[];
  /** Modules not found inside the function folder (refused even if node_modules above has them). */
  outside: string[];
  asyncErrors: string[];
}

const PROBE = path.join(__dirname, 'loadProbe.cjs');
const PROBE_TIMEOUT_MS = 30_000;

/**
 * What the cloud's runtime tells the SDK about where it runs. Without TENCENTCLOUD_RUNENV=SCF,
 * @cloudbase/node-sdk (inside wx-server-sdk) asks http://metadata.tencentyun.com whether it is on
 * Tencent Cloud as soon as `cloud.init()` runs, which the probe would rightly flag as network use.
 */
const CLOUD_RUNTIME_ENV = {
  TENCENTCLOUD_RUNENV: 'SCF',
  SCF_NAMESPACE: 'deploy-probe',
  TENCENTCLOUD_SECRETID: 'deploy-probe',
  TENCENTCLOUD_SECRETKEY: 'deploy-probe',
};

export async function probeBundle(functionDir: string): Promise<ProbeResult> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'deploy-probe-'));
  const resultFile = path.join(scratch, 'result.json');
  try {
    const { code, stderr, timedOut } = await runProbe(functionDir, resultFile);
    try {
      return JSON.parse(readFileSync(resultFile, 'utf8')) as ProbeResult;
    } catch {
      const why = timedOut
        ? `loading did not finish within ${PROBE_TIMEOUT_MS / 1000} s`
        : `the loader process exited with code ${code}`;
      return {
        loaded: false,
        mainType: 'undefined',
        error: `${why}${stderr.trim() === '' ? '' : `: ${lastLines(stderr, 5)}`}`,
        network: [],
        outside: [],
        asyncErrors: [],
      };
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function runProbe(
  functionDir: string,
  resultFile: string,
): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PROBE, functionDir, resultFile], {
      cwd: functionDir,
      env: { PATH: process.env.PATH ?? '', ...CLOUD_RUNTIME_ENV },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, PROBE_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join('\n');
}
