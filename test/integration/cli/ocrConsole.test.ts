/**
 * `npm run ocr -- --console <photo>`: what the new user does. The batch runs, the console's
 * URL is printed, and the emulator stays up with the record and the calls until told to stop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CallView, DocumentView } from '../../../emulator/console/consoleTypes';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLE = path.join(ROOT, 'test/fixtures/sample/licence.jpg');

let data: string;
let child: ChildProcess;

beforeAll(() => {
  data = mkdtempSync(path.join(tmpdir(), 'ocr-console-'));
});

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(data, { recursive: true, force: true });
});

it('prints the console URL, keeps the emulator up after the batch with its record and calls, and stops on SIGTERM', async () => {
  child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'scripts/ocr.ts'), '--console', '--json', '--data', data, SAMPLE],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk;
      const printed =
        /console: (http:\/\/127\.0\.0\.1:\d+\/__emulator\/ui\/#token=[0-9a-f]+) {2}\(the emulator stays up/.exec(
          stderr,
        );
      if (printed?.[1]) resolve(printed[1]);
    });
    child.on('exit', (code) =>
      reject(new Error(`exited ${code} before printing the console URL:\n${stderr}`)),
    );
  });
  expect(JSON.parse(stdout)).toMatchObject({ ok: true });

  const { origin } = new URL(url);
  const api = async <T>(pathname: string): Promise<T> => {
    const response = await fetch(`${origin}/__emulator/ui/api/${pathname}`, {
      headers: { 'x-console-token': new URL(url).hash.replace('#token=', '') },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  expect((await fetch(url)).status).toBe(200);
  const { documents } = await api<{ documents: DocumentView[] }>('documents?collection=driver_licenses');
  expect(documents).toHaveLength(1);
  const { calls } = await api<{ calls: CallView[] }>('calls');
  const invocation = calls.find((c) => c.name === 'ocrDriverLicense');
  expect(invocation).toMatchObject({ outcome: 'ok', caller: 'loca…er' });
  expect(calls.find((c) => c.kind === 'ocr')).toMatchObject({ parentId: invocation?.id, trace: true });

  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
