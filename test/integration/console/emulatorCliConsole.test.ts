/** `npm run emulator` prints the console's URL, with a token that opens its API and changes at each start. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EmulatorProcess, spawnEmulatorCli } from '../emulator/support/spawnEmulatorCli';

let dataDir: string;
const started: EmulatorProcess[] = [];

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-console-'));
});

afterAll(async () => {
  for (const emulator of started) {
    emulator.child.kill('SIGKILL');
    await emulator.exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function consoleUrlOf(emulator: EmulatorProcess): Promise<URL> {
  let output = emulator.output;
  emulator.child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  for (let waited = 0; waited < 5000; waited += 50) {
    const printed = /# Console .*: (http:\/\/127\.0\.0\.1:\d+\/__emulator\/ui\/#token=[0-9a-f]{32})$/m.exec(
      output,
    );
    if (printed?.[1]) return new URL(printed[1]);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no console URL printed:\n${output}`);
}

it("prints the console's URL with a per-start token that opens the console's API", async () => {
  const first = await spawnEmulatorCli(['--port', '0', '--data', dataDir]);
  started.push(first);
  const url = await consoleUrlOf(first);
  expect(url.origin).toBe(first.url);
  const token = url.hash.replace('#token=', '');
  const overview = await fetch(`${first.url}/__emulator/ui/api/overview`, {
    headers: { 'x-console-token': token },
  });
  expect(overview.status).toBe(200);
  expect((await fetch(`${first.url}/__emulator/ui/api/overview`)).status).toBe(401);

  first.child.kill('SIGKILL');
  await first.exited;
  const second = await spawnEmulatorCli(['--port', '0', '--data', dataDir]);
  started.push(second);
  expect((await consoleUrlOf(second)).hash).not.toBe(url.hash);
});
