/**
 * The console's server side over real HTTP, with the built functions and the real wx-server-sdk:
 * its page, its token, what its API shows (masked) and changes, and its live event stream. The
 * browser test (console.browser.test.ts) drives the same through the page.
 */
import http from 'node:http';
import sharp from 'sharp';
import type {
  CallView,
  CollectionView,
  DocumentView,
  FileView,
  Overview,
  PhotoView,
} from '../../../emulator/console/consoleTypes';
import type { RecognizeOptions, RecognizeOutcome } from '../../../emulator/openapi/DriverLicenseRecognizer';
import { photo, wechatFields } from '../../../harness/support/licenses';
import { rawRequest } from '../../../harness/support/rawHttp';
import type { OcrDriverLicenseResult } from '../../../src/api';
import { ScriptedRecognizer } from '../support/ScriptedRecognizer';
import { type LocalCloud, startLocalCloud } from '../support/startLocalCloud';
import { consoleClient } from './support/consoleClient';

const ID_NUM = wechatFields().id_num;
const quad = [
  [2, 2],
  [60, 2],
  [60, 30],
  [2, 30],
];

/** Scripted answers, plus a trace of the kind the local engine hands over. */
class TracingRecognizer extends ScriptedRecognizer {
  override async recognize(image: Buffer, options?: RecognizeOptions): Promise<RecognizeOutcome> {
    options?.onTrace?.({
      stages: [{ stage: 'decode', ms: 1, output: { source: [64, 64] } }],
      drawings: {
        card: quad,
        document: 'licence',
        regions: [
          { name: 'id_num', value: ID_NUM, how: 'line', quad },
          { name: 'car_class', value: 'C1', how: 'line', quad },
        ],
        lines: [{ text: `证号 ${ID_NUM}`, quad }],
        flat: { data: new Uint8Array(64) },
      },
    });
    return super.recognize(image);
  }
}

const recognizer = new TracingRecognizer();
let cloud: LocalCloud;
let client: ReturnType<typeof consoleClient>;

async function scan(seed: number, openid = 'oAbCdEfGhIjKlMnOpQrStUvWxYz1'): Promise<OcrDriverLicenseResult> {
  const bytes = await photo(seed);
  recognizer.answer(bytes, wechatFields());
  const fileID = await cloud.upload(bytes, openid);
  return cloud.invoke<OcrDriverLicenseResult>('ocrDriverLicense', { fileID }, openid);
}

beforeAll(async () => {
  cloud = await startLocalCloud({ recognizer });
  client = consoleClient(cloud.emulator);
});

afterAll(() => cloud.close());

beforeEach(async () => {
  await cloud.emulator.reset();
  recognizer.reset();
});

describe('the console page', () => {
  it('is printed as a loopback URL holding a per-start token in its fragment', () => {
    expect(cloud.emulator.consoleUrl).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/__emulator\/ui\/#token=[0-9a-f]{32}$/,
    );
  });

  it.each([
    ['', 'text/html'],
    ['console.js', 'text/javascript'],
    ['console.css', 'text/css'],
    ['fonts.css', 'text/css'],
  ])(
    'serves %j without a token, under a policy that lets it load nothing but this emulator',
    async (file, type) => {
      const response = await fetch(`${cloud.emulator.url}/__emulator/ui/${file}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      // Namespace names (www.w3.org) are no addresses it loads.
      expect(await response.text()).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost|www\.w3\.org\/)[a-z]/i);
    },
  );

  it('serves its Chinese font from the npm package, and nothing outside the font folder', async () => {
    const css = await (await fetch(`${cloud.emulator.url}/__emulator/ui/fonts.css`)).text();
    const font = /url\((fonts\/[\w-]+\.woff2)\)/.exec(css)?.[1];
    expect(font).toBeDefined();
    expect((await fetch(`${cloud.emulator.url}/__emulator/ui/${font}`)).status).toBe(200);
    for (const path of [
      'fonts/../../../package.json',
      'fonts/%2e%2e%2fpackage.json',
      '../console.ts',
      'dist/console.js',
    ]) {
      expect((await fetch(`${cloud.emulator.url}/__emulator/ui/${path}`)).status).toBe(404);
    }
  });
});

describe('the console API', () => {
  // Every row has a body slot (null: none): jest would take a missing last argument for `done`.
  const endpoints: [string, string, unknown][] = [
    ['GET', 'overview', null],
    ['GET', 'calls', null],
    ['GET', 'events', null],
    ['GET', 'collections', null],
    ['GET', 'documents?collection=driver_licenses', null],
    ['GET', 'document?collection=driver_licenses&id=x', null],
    ['DELETE', 'document?collection=driver_licenses&id=x', null],
    ['GET', 'files', null],
    ['GET', 'photo?call=1', null],
    ['GET', 'photo-view?call=1', null],
    ['POST', 'quota', { perDay: 1 }],
    ['POST', 'quota/reset', {}],
    ['POST', 'faults', { api: 'ocr.driverLicense', errcode: -1 }],
    ['DELETE', 'faults', null],
    ['POST', 'reset', {}],
  ];

  it.each(endpoints)('refuses %s %s without the token, or with a wrong one', async (method, path, body) => {
    for (const token of [undefined, '0'.repeat(32)]) {
      const response = await fetch(client.base + path, {
        method,
        headers: {
          ...(token ? { 'x-console-token': token } : {}),
          ...(body === null ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === null ? {} : { body: JSON.stringify(body) }),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: expect.stringContaining('console token') });
    }
    const overview = await client.json<Overview>('GET', 'overview');
    expect(overview).toMatchObject({ quota: { quota: 100 }, faults: [] });
  });

  it('takes the token in the query for what a page loads by URL, but never for a change', async () => {
    expect((await fetch(`${client.base}overview?token=${client.token}`)).status).toBe(200);
    const change = await fetch(`${client.base}faults?token=${client.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api: 'ocr.driverLicense', errcode: -1 }),
    });
    expect(change.status).toBe(401);
  });

  it.each([
    ['a page elsewhere (Origin)', { origin: 'http://evil.example' }],
    ['a DNS-rebinding name (Host)', { host: 'evil.example' }],
  ])('refuses %s even with the token', async (_, headers) => {
    const outcome = await rawRequest(cloud.emulator.url, {
      method: 'POST',
      path: '/__emulator/ui/api/reset',
      headers: {
        host: new URL(cloud.emulator.url).host,
        'x-console-token': client.token,
        'content-type': 'application/json',
        ...headers,
      },
      body: '{}',
    });
    expect(outcome.kind === 'response' && outcome.response.status).toBe(403);
  });

  it("logs a scan as the function's invocation and its OCR call, linked, the caller masked, with quota left and the function's own lines", async () => {
    const result = await scan(1);
    expect(result.ok).toBe(true);
    const { calls } = await client.json<{ calls: CallView[] }>('GET', 'calls');
    const invocation = calls.find((c) => c.name === 'ocrDriverLicense');
    const ocr = calls.find((c) => c.kind === 'ocr');
    expect(invocation).toMatchObject({ kind: 'function', caller: 'oAbC…z1', outcome: 'ok', quotaLeft: 99 });
    expect(invocation?.ms).toBeGreaterThan(0);
    expect(invocation?.logs.length).toBeGreaterThan(0);
    expect(ocr).toMatchObject({
      via: 'cloud',
      parentId: invocation?.id,
      caller: 'oAbC…z1',
      outcome: 'ok',
      photo: true,
      trace: true,
    });
    expect(JSON.stringify(calls)).not.toContain('oAbCdEfGhIjKlMnOpQrStUvWxYz1');
    expect(JSON.stringify(calls)).not.toContain(ID_NUM);
  });

  it('lists documents masked, gives one in full when asked for it, and deletes it', async () => {
    await scan(2);
    const { collections } = await client.json<{ collections: CollectionView[] }>('GET', 'collections');
    expect(collections).toContainEqual({ name: 'driver_licenses', count: 1 });
    const { documents } = await client.json<{ documents: DocumentView[] }>(
      'GET',
      'documents?collection=driver_licenses',
    );
    const [record] = documents;
    expect(JSON.stringify(documents)).not.toContain(ID_NUM);
    expect(record?.masked).toEqual(expect.arrayContaining(['_openid', 'license.idNum', 'license.name']));
    expect(record?.doc).toMatchObject({
      license: { idNum: `${ID_NUM.slice(0, 4)}************${ID_NUM.slice(-2)}`, carClass: 'C1' },
    });

    const { document } = await client.json<{ document: { license: { idNum: string } } }>(
      'GET',
      `document?collection=driver_licenses&id=${record?.id}`,
    );
    expect(document.license.idNum).toBe(ID_NUM);

    await client.json('DELETE', `document?collection=driver_licenses&id=${record?.id}`);
    const after = await client.json<{ documents: DocumentView[] }>(
      'GET',
      'documents?collection=driver_licenses',
    );
    expect(after.documents).toEqual([]);
    const again = await client.call('DELETE', `document?collection=driver_licenses&id=${record?.id}`);
    expect(again.status).toBe(404);
  });

  it("lists stored files with their owner's folder, size and record, and shows each as an upright JPEG", async () => {
    const bytes = await photo(3);
    recognizer.answer(bytes, wechatFields());
    const fileID = await cloud.upload(bytes, 'o-owner-1');
    const result = await cloud.invoke<OcrDriverLicenseResult>('ocrDriverLicense', { fileID }, 'o-owner-1');
    const { files } = await client.json<{ files: FileView[] }>('GET', 'files');
    expect(files).toEqual([
      {
        fileID,
        cloudPath: expect.stringMatching(/^licences\/[0-9a-f]+\/[0-9a-f]+\.jpg$/),
        owner: expect.stringMatching(/^licences\/[0-9a-f]+\/$/),
        size: bytes.length,
        contentType: 'image/png',
        createdAt: expect.any(Number),
        records: [{ collection: 'driver_licenses', id: result.ok ? result.id : '' }],
      },
    ]);
    const thumb = await client.call('GET', `photo?fileID=${encodeURIComponent(fileID)}&size=thumb`);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(meta.format).toBe('jpeg');
  });

  it.each(['call', 'fileID'])(
    "shows a scan's photo view by %s: the trace masked, whole on reveal=1, and the record saved from it",
    async (by) => {
      await scan(4);
      const { calls } = await client.json<{ calls: CallView[] }>('GET', 'calls');
      const { files } = await client.json<{ files: FileView[] }>('GET', 'files');
      const ocr = calls.find((c) => c.kind === 'ocr');
      const query =
        by === 'call' ? `call=${ocr?.id}` : `fileID=${encodeURIComponent(files[0]?.fileID ?? '')}`;

      const masked = await client.json<PhotoView>('GET', `photo-view?${query}`);
      expect(masked).toMatchObject({
        callId: ocr?.id,
        revealed: false,
        record: { collection: 'driver_licenses' },
      });
      expect(masked.trace).toMatchObject({ width: 64, height: 64, card: quad, document: 'licence' });
      expect(masked.trace?.regions.find((r) => r.name === 'car_class')?.value).toBe('C1');
      expect(masked.trace?.lines).toEqual([{ text: '', quad }]);
      expect(JSON.stringify(masked)).not.toContain(ID_NUM);
      expect((await client.call('GET', masked.photo)).status).toBe(200);

      const revealed = await client.json<PhotoView>('GET', `photo-view?${query}&reveal=1`);
      expect(revealed.trace?.regions.find((r) => r.name === 'id_num')?.value).toBe(ID_NUM);
      expect(revealed.record?.doc).toMatchObject({ license: { idNum: ID_NUM } });
    },
  );

  it('streams each call, log line and change as server-sent events while a scan runs', async () => {
    const events: { event: string; data: Record<string, unknown> }[] = [];
    const stream = await openEvents(`${client.base}events?token=${client.token}`, (event) =>
      events.push(event),
    );
    try {
      await scan(5);
      const ended = (e: (typeof events)[number]) =>
        e.event === 'call' &&
        (e.data.call as CallView).name === 'ocrDriverLicense' &&
        (e.data.call as CallView).ms !== null;
      await waitFor(
        () => events.some(ended) && events.some((e) => e.event === 'changed' && e.data.what === 'database'),
      );
    } finally {
      stream.destroy();
    }
    const calls = events.filter((e) => e.event === 'call').map((e) => e.data.call as CallView);
    expect(calls.filter((c) => c.name === 'ocrDriverLicense').map((c) => c.outcome)).toEqual([
      'running',
      'ok',
    ]);
    expect(calls.some((c) => c.kind === 'ocr' && c.outcome === 'ok')).toBe(true);
    expect(events.some((e) => e.event === 'log')).toBe(true);
    expect(JSON.stringify(events)).not.toContain(ID_NUM);
  });

  it('injects a fault that the next scan fails with, and removes it', async () => {
    const added = await client.call('POST', 'faults', {
      api: 'ocr.driverLicense',
      errcode: 101003,
      times: 1,
    });
    expect(added.status).toBe(201);
    expect((await client.json<Overview>('GET', 'overview')).faults).toMatchObject([
      { api: 'ocr.driverLicense', errcode: 101003, remaining: 1 },
    ]);
    const failed = await scan(6);
    expect(failed).toMatchObject({ ok: false, code: 'QUOTA_EXCEEDED' });
    const { calls } = await client.json<{ calls: CallView[] }>('GET', 'calls');
    expect(calls.find((c) => c.kind === 'ocr')).toMatchObject({ outcome: '101003', photo: false });
    expect(calls.find((c) => c.name === 'ocrDriverLicense')?.outcome).toBe('QUOTA_EXCEEDED');

    await client.call('POST', 'faults', { api: 'ocr.driverLicense', errcode: -1 });
    await client.json('DELETE', 'faults');
    expect((await client.json<Overview>('GET', 'overview')).faults).toEqual([]);
    expect((await client.call('POST', 'faults', { api: 'ocr.driverLicense', colour: 'red' })).status).toBe(
      400,
    );
  });

  it("sets the daily quota, resets today's count, and refuses a quota that is no whole number", async () => {
    await scan(7);
    expect((await client.json<Overview>('GET', 'overview')).quota).toMatchObject({
      quota: 100,
      used: 1,
      left: 99,
    });
    expect(await client.json('POST', 'quota', { perDay: 1 })).toMatchObject({ quota: 1, used: 1, left: 0 });
    expect(await scan(8)).toMatchObject({ ok: false, code: 'QUOTA_EXCEEDED' });
    expect(await client.json('POST', 'quota/reset', {})).toMatchObject({ quota: 1, used: 0, left: 1 });
    expect(await scan(9)).toMatchObject({ ok: true });
    for (const perDay of [-1, 1.5, '5', null]) {
      expect((await client.call('POST', 'quota', { perDay })).status).toBe(400);
    }
    await client.json('POST', 'quota', { perDay: 100 });
  });

  it('resets all data: records, files, faults, quota counts and the call log', async () => {
    await scan(10);
    await client.call('POST', 'faults', { api: 'database.getDocument', delayMs: 1 });
    await client.json('POST', 'reset', {});
    expect(await client.json('GET', 'collections')).toEqual({ collections: [] });
    expect(await client.json('GET', 'files')).toEqual({ files: [] });
    expect(await client.json('GET', 'calls')).toEqual({ calls: [] });
    expect((await client.json<Overview>('GET', 'overview')).quota.used).toBe(0);
    expect((await client.json<Overview>('GET', 'overview')).faults).toEqual([]);
  });
});

/** A server-sent event stream, parsed as it arrives. */
function openEvents(
  url: string,
  onEvent: (event: { event: string; data: Record<string, unknown> }) => void,
): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) => {
      if (response.statusCode !== 200) reject(new Error(`events: ${response.statusCode}`));
      expect(response.headers['content-type']).toContain('text/event-stream');
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) onEvent({ event, data: JSON.parse(data) });
        }
      });
      response.on('error', () => undefined);
      resolve(request);
    });
    request.on('error', () => undefined);
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
