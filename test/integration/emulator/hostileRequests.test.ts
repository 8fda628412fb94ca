import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../../emulator/startEmulator';
import {
  multipartBody,
  type RawOutcome,
  type RawRequest,
  rawRequest,
  streamedForm,
} from '../../../harness/support/rawHttp';
import { type EmulatorWithSdk, postJson, startEmulatorWithSdk } from './support/emulatorWithSdk';
import { type EmulatorProcess, spawnEmulatorCli } from './support/spawnEmulatorCli';

const MB = 1024 * 1024;

function statusOf(outcome: RawOutcome): number | string {
  return outcome.kind === 'response' ? outcome.response.status : outcome.reason;
}

function bodyOf(outcome: RawOutcome): string {
  return outcome.kind === 'response' ? outcome.response.body.toString() : '';
}

/** A form whose last part, a file, never ends: the body stops inside it. */
function cutInsideFilePart(fields: Record<string, string>): { contentType: string; body: Buffer } {
  const whole = multipartBody('cut', [
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    {
      name: 'file',
      filename: 'a.jpg',
      contentType: 'application/octet-stream',
      value: Buffer.alloc(4096, 7),
    },
  ]);
  return { contentType: 'multipart/form-data; boundary=cut', body: whole.subarray(0, whole.length - 2048) };
}

describe('the emulator refuses requests from outside its own pages', () => {
  let env: EmulatorWithSdk;
  let port: string;

  beforeAll(async () => {
    env = await startEmulatorWithSdk();
    port = new URL(env.emulator.url).port;
  });

  afterAll(async () => {
    await env.emulator.close();
  });

  beforeEach(async () => {
    await env.emulator.reset();
    const db = env.cloud.database();
    await db.createCollection('secrets');
    await db.collection('secrets').add({ data: { _id: 's1', name: '张三' } });
  });

  const readAll = '{"action":"database.getDocument","collectionName":"secrets","queryType":"WHERE"}';
  const rebound = (extra: Record<string, string> = {}) => ({ host: `attacker.example:${port}`, ...extra });

  it.each<[string, number, RawRequest]>([
    [
      'a DNS-rebinding page reading documents as text/plain',
      403,
      { method: 'POST', path: '/admin', headers: rebound({ 'content-type': 'text/plain' }), body: readAll },
    ],
    [
      'a DNS-rebinding page reading documents as JSON',
      403,
      {
        method: 'POST',
        path: '/admin',
        headers: rebound({ 'content-type': 'application/json' }),
        body: readAll,
      },
    ],
    [
      'a DNS-rebinding page reading stats',
      403,
      { method: 'GET', path: '/__emulator/stats', headers: rebound() },
    ],
    [
      'a cross-site form resetting the data',
      403,
      {
        method: 'POST',
        path: '/__emulator/reset',
        headers: { origin: 'https://attacker.example', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=1',
      },
    ],
    [
      'a cross-site fetch without a body resetting the data',
      403,
      { method: 'POST', path: '/__emulator/reset', headers: { origin: 'https://attacker.example' } },
    ],
    [
      'a sandboxed page (Origin null) resetting the data',
      403,
      { method: 'POST', path: '/__emulator/reset', headers: { origin: 'null' } },
    ],
    [
      'a page on another loopback port reading documents',
      403,
      {
        method: 'POST',
        path: '/admin',
        headers: { origin: 'http://localhost:1', 'content-type': 'application/json' },
        body: readAll,
      },
    ],
    [
      'a text/plain reset with no Origin',
      415,
      { method: 'POST', path: '/__emulator/reset', headers: { 'content-type': 'text/plain' }, body: '{}' },
    ],
    [
      'a text/plain database read with no Origin',
      415,
      { method: 'POST', path: '/admin', headers: { 'content-type': 'text/plain' }, body: readAll },
    ],
    [
      'a database read sent as a form',
      400,
      {
        method: 'POST',
        path: '/admin',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
        body: multipartBody('b', [
          { name: 'action', value: 'database.getDocument' },
          { name: 'collectionName', value: 'secrets' },
        ]),
      },
    ],
  ])('refuses %s with HTTP %i, reading and changing nothing', async (_label, status, request) => {
    const outcome = await rawRequest(env.emulator.url, request);
    expect(statusOf(outcome)).toBe(status);
    expect(bodyOf(outcome)).not.toContain('张三');
    const { data } = await env.cloud.database().collection('secrets').doc('s1').get();
    expect(data).toMatchObject({ name: '张三' });
  });

  it.each([
    ['127.0.0.1', `http://127.0.0.1:PORT`],
    ['localhost', `http://localhost:PORT`],
    ['[::1]', `http://[::1]:PORT`],
  ])('accepts Host %s and its own Origin', async (host, origin) => {
    const outcome = await rawRequest(env.emulator.url, {
      method: 'POST',
      path: '/__emulator/faults',
      headers: {
        host: `${host}:${port}`,
        origin: origin.replace('PORT', port),
        'content-type': 'application/json',
      },
      body: '{"api":"ocr.driverLicense","errcode":-1,"times":1}',
    });
    expect(statusOf(outcome)).toBe(201);
  });

  it('refuses to listen on an address other machines can reach', async () => {
    await expect(startEmulator({ host: '0.0.0.0' })).rejects.toThrow(/not a loopback address/);
  });
});

describe('the emulator answers cut and oversized bodies with a 4xx', () => {
  let env: EmulatorWithSdk;

  beforeAll(async () => {
    env = await startEmulatorWithSdk();
  });

  afterAll(async () => {
    await env.emulator.close();
  });

  it.each<[string, number, () => Promise<string>, Record<string, string>]>([
    [
      'the gateway (wx.openApi)',
      400,
      async () => '/admin',
      { action: 'wx.openApi', apiName: 'ocr.driverLicense' },
    ],
    [
      'the HTTPS OCR API',
      400,
      async () => {
        const response = await fetch(
          `${env.emulator.url}/cgi-bin/token?grant_type=client_credential&appid=wx0000000000local&secret=local-emulator-appsecret`,
        );
        return `/cv/ocr/drivinglicense?access_token=${((await response.json()) as { access_token: string }).access_token}`;
      },
      {},
    ],
    ['the storage upload form', 400, async () => '/__storage/upload?token=x', { key: 'a.jpg' }],
  ])(
    'answers a multipart body that ends inside a file part at %s with HTTP %i',
    async (_label, status, pathOf, fields) => {
      const { contentType, body } = cutInsideFilePart(fields);
      const outcome = await rawRequest(env.emulator.url, {
        method: 'POST',
        path: await pathOf(),
        headers: { 'content-type': contentType },
        body,
      });
      expect(statusOf(outcome)).toBe(status);
      expect((await fetch(`${env.emulator.url}/__emulator/health`)).status).toBe(200);
    },
  );

  it('answers a form larger than 20 MB in total, each part under the limit, with 413', async () => {
    const part = Buffer.alloc(5 * MB, 1);
    const outcome = await rawRequest(env.emulator.url, {
      method: 'POST',
      path: '/admin',
      headers: { 'content-type': 'multipart/form-data; boundary=big' },
      body: multipartBody(
        'big',
        Array.from({ length: 6 }, (_, i) => ({ name: `p${i}`, filename: 'p', value: part })),
      ),
    });
    expect([413, 'write EPIPE', 'socket hang up', 'read ECONNRESET']).toContain(statusOf(outcome));
    expect((await fetch(`${env.emulator.url}/__emulator/health`)).status).toBe(200);
  });

  it('answers an admin body over 1 MB with 413 before reading it', async () => {
    const response = await postJson(`${env.emulator.url}/__emulator/faults`, { pad: 'x'.repeat(2 * MB) });
    expect(response.status).toBe(413);
  });
});

describe('the emulator process (npm run emulator) under hostile requests', () => {
  let dataDir: string;
  let emulator: EmulatorProcess;
  const secret = 'my-own-appsecret-9f8e7d';
  let banner = '';

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-hostile-'));
    emulator = await spawnEmulatorCli(['--port', '0', '--data', dataDir, '--secret', secret]);
    emulator.child.stdout?.on('data', (chunk: Buffer) => {
      banner += chunk.toString();
    });
    banner += emulator.output;
  });

  afterAll(async () => {
    emulator.child.kill('SIGKILL');
    await emulator.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function peakRssMb(): number {
    const status = fs.readFileSync(`/proc/${emulator.child.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  }

  it('does not print an app secret of the user’s own', () => {
    expect(banner).toContain('listening on');
    expect(banner).not.toContain(secret);
    expect(banner).toContain('<your --secret>');
  });

  it('takes the app secret from EMULATOR_APPSECRET, out of sight of ps, and prints it neither', async () => {
    const fromEnv = await spawnEmulatorCli(['--port', '0', '--data', path.join(dataDir, 'env')], {
      EMULATOR_APPSECRET: 'env-secret-5a4b',
    });
    try {
      const token = await fetch(
        `${fromEnv.url}/cgi-bin/token?grant_type=client_credential&appid=wx0000000000local&secret=env-secret-5a4b`,
      );
      expect(await token.json()).toMatchObject({ access_token: expect.any(String) });
      expect(fromEnv.output).not.toContain('env-secret-5a4b');
    } finally {
      fromEnv.child.kill('SIGKILL');
      await fromEnv.exited;
    }
  });

  it('survives a multipart body that ends inside a file part', async () => {
    const { contentType, body } = cutInsideFilePart({ action: 'wx.openApi' });
    const outcome = await rawRequest(emulator.url, {
      method: 'POST',
      path: '/admin',
      headers: { 'content-type': contentType },
      body,
    });
    expect(statusOf(outcome)).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(emulator.child.exitCode).toBeNull();
    expect((await fetch(`${emulator.url}/__emulator/health`)).status).toBe(200);
  });

  it('keeps its memory bounded under a 300 MB form of parts just under the per-part limit', async () => {
    const before = peakRssMb();
    const outcome = await rawRequest(emulator.url, {
      method: 'POST',
      path: '/admin',
      headers: { 'content-type': 'multipart/form-data; boundary=huge' },
      body: streamedForm(15, 20 * MB - 1024),
      timeoutMs: 60_000,
    });
    expect([413, 'write EPIPE', 'socket hang up', 'read ECONNRESET']).toContain(statusOf(outcome));
    expect((await fetch(`${emulator.url}/__emulator/health`)).status).toBe(200);
    expect(peakRssMb() - before).toBeLessThan(80);
  });
});
