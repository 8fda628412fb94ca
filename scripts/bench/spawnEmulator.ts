/**
 * The emulator in its own Node process, as `npm run emulator` runs it, so a client in this process
 * and the server do not share one thread (throughput figures).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../build';

export interface EmulatorProcess {
  url: string;
  envId: string;
  stop(): Promise<void>;
}

export function spawnEmulator(): Promise<EmulatorProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-emulator-'));
  // The CLI's default env id, as the in-process emulator's: one initialised SDK can talk to both.
  const envId = 'local-dev';
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--data', dataDir, '--env', envId],
    { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (!match?.[1]) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve({ url: match[1], envId, stop });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then(() => reject(new Error(`emulator exited before listening:\n${output}`)));
  });
}
