/**
 * `npm run emulator` as a user starts and stops it: through npm itself, which runs the script under
 * sh. Killing npm's PID must stop the emulator too, not leave it listening.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/__emulator/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

describe('npm run emulator', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'emulator-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops listening when npm itself is killed by its PID (SIGTERM, what kill sends)', async () => {
    const npm = spawn('npm', ['run', '--silent', 'emulator', '--', '--port', '0', '--data', dataDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      npm.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      npm.once('exit', () => reject(new Error(`npm run emulator exited before listening:\n${output}`)));
    });
    expect(await answers(url)).toBe(true);

    npm.kill('SIGTERM');

    const deadline = Date.now() + 10_000;
    while ((await answers(url)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await answers(url)).toBe(false);
  });
});
