import {
  type EmulatorWithSdk,
  fakeJpeg,
  postJson,
  rejectionOf,
  ScriptedRecognizer,
  startEmulatorWithSdk,
  statsOf,
} from './support/emulatorWithSdk';

describe('the emulator admin API', () => {
  const recognizer = new ScriptedRecognizer();
  let env: EmulatorWithSdk;
  let accessToken: string;

  beforeAll(async () => {
    env = await startEmulatorWithSdk({ recognizer, appid: 'wxadmin', secret: 's' });
  });

  afterAll(async () => {
    await env.emulator.close();
  });

  /** Reset also forgets access tokens, so every reset is followed by a fresh one. */
  async function resetAndLogIn(): Promise<void> {
    await env.emulator.reset();
    const query = 'grant_type=client_credential&appid=wxadmin&secret=s';
    const response = await fetch(`${env.emulator.url}/cgi-bin/token?${query}`);
    accessToken = ((await response.json()) as { access_token: string }).access_token;
  }

  beforeEach(resetAndLogIn);

  const url = (path: string) => `${env.emulator.url}${path}`;

  async function httpsOcr(signal?: AbortSignal): Promise<number> {
    const form = new FormData();
    form.append('img', new Blob([fakeJpeg()]), 'a.jpg');
    const response = await fetch(url(`/cv/ocr/drivinglicense?access_token=${accessToken}`), {
      method: 'POST',
      body: form,
      ...(signal ? { signal } : {}),
    });
    return ((await response.json()) as { errcode: number }).errcode;
  }

  it('reports health', async () => {
    const response = await fetch(url('/__emulator/health'));
    expect(await response.json()).toEqual({ ok: true, envId: 'local-dev', url: env.emulator.url });
  });

  describe('faults', () => {
    it('fails exactly `times` calls', async () => {
      const created = await postJson(url('/__emulator/faults'), {
        api: 'ocr.driverLicense',
        errcode: -1,
        times: 2,
      });
      expect(created.status).toBe(201);
      const codes = [await httpsOcr(), await httpsOcr(), await httpsOcr()];
      expect(codes).toEqual([-1, -1, 0]);
    });

    it('lets the first `after` matching calls through, then fails `times` calls', async () => {
      await postJson(url('/__emulator/faults'), {
        api: 'ocr.driverLicense',
        errcode: -1,
        after: 2,
        times: 1,
      });
      const codes = [await httpsOcr(), await httpsOcr(), await httpsOcr(), await httpsOcr()];
      expect(codes).toEqual([0, 0, -1, 0]);
    });

    it('fails a seeded share of calls, the same ones on every run', async () => {
      const sequence = async () => {
        await resetAndLogIn();
        await postJson(url('/__emulator/faults'), {
          api: 'ocr.driverLicense',
          errcode: -1,
          rate: 0.5,
          seed: 42,
        });
        const codes: number[] = [];
        for (let i = 0; i < 16; i++) codes.push(await httpsOcr());
        return codes;
      };
      const first = await sequence();
      expect(first).toContain(-1);
      expect(first).toContain(0);
      expect(await sequence()).toEqual(first);
    });

    it('delays a call by delayMs (a client timeout shorter than the delay fires) and then answers', async () => {
      await postJson(url('/__emulator/faults'), { api: 'ocr.driverLicense', delayMs: 1500, times: 1 });
      await expect(httpsOcr(AbortSignal.timeout(200))).rejects.toThrow();
      expect(await httpsOcr()).toBe(0);
    });

    it('lets several faults stand at once and lists them', async () => {
      await postJson(url('/__emulator/faults'), { api: 'ocr.driverLicense', errcode: 101001, times: 1 });
      await postJson(url('/__emulator/faults'), {
        api: 'database.getDocument',
        error: 'DATABASE_REQUEST_FAILED',
      });
      const listed = (await (await fetch(url('/__emulator/faults'))).json()) as { faults: { api: string }[] };
      expect(listed.faults.map((f) => f.api)).toEqual(['ocr.driverLicense', 'database.getDocument']);
      expect(await httpsOcr()).toBe(101001);
    });

    it('clears all faults on DELETE', async () => {
      await postJson(url('/__emulator/faults'), { api: 'ocr.driverLicense', errcode: -1 });
      await fetch(url('/__emulator/faults'), { method: 'DELETE' });
      expect(await httpsOcr()).toBe(0);
    });

    it.each([
      ['not an object', [1]],
      ['no api', { errcode: -1 }],
      ['an unknown key', { api: 'x', errcode: -1, oops: true }],
      ['a rate out of range', { api: 'x', rate: 2 }],
      ['times of zero', { api: 'x', times: 0 }],
    ])('refuses a fault with %s (400)', async (_label, body) => {
      const response = await postJson(url('/__emulator/faults'), body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: expect.any(String) });
    });
  });

  describe('stats and reset', () => {
    it('counts requests per API and OCR quota spent today', async () => {
      await env.cloud.database().createCollection('c');
      await env.cloud
        .database()
        .collection('c')
        .add({ data: { a: 1 } });
      await env.cloud.openapi.ocr.driverLicense({ img: { contentType: 'image/jpeg', value: fakeJpeg() } });
      await httpsOcr();
      const stats = await statsOf(env.emulator);
      expect(stats.ocr).toMatchObject({ quota: 100, used: 2, left: 98 });
      expect(stats.requests).toMatchObject({
        'database.addCollection': 1,
        'database.insertDocument': 1,
        'wx.openApi:ocr.driverLicense': 1,
        'https:/cv/ocr/drivinglicense': 1,
      });
    });

    it('POST /__emulator/reset empties database, storage, faults and quota', async () => {
      const db = env.cloud.database();
      await db.createCollection('c');
      const { fileID } = await env.cloud.uploadFile({ cloudPath: 'r.jpg', fileContent: Buffer.from('x') });
      await httpsOcr();
      await postJson(url('/__emulator/faults'), { api: 'ocr.driverLicense', errcode: -1 });

      expect((await fetch(url('/__emulator/reset'), { method: 'POST' })).status).toBe(200);

      expect((await rejectionOf(db.collection('c').get())).errCode).toBe(-502005);
      const { fileList } = await env.cloud.getTempFileURL({ fileList: [fileID] });
      expect(fileList[0]!.status).toBe(-503003);
      expect((await statsOf(env.emulator)).ocr.used).toBe(0);
      const noFault = await env.cloud.openapi.ocr.driverLicense({
        img: { contentType: 'image/jpeg', value: fakeJpeg() },
      });
      expect(noFault.errCode).toBe(0);
    });
  });

  describe('bad requests never crash the emulator', () => {
    const admin = () => url(`/admin?env=${env.emulator.envId}&seqId=1`);

    const json = { 'content-type': 'application/json' };
    // What an SDK can send is answered as the backend does (HTTP 200 + code); what none sends, with a 4xx.
    it.each([
      ['malformed JSON', json, '{not json', 400, 'INVALID_PARAM'],
      ['a JSON array', json, '[]', 400, 'INVALID_PARAM'],
      ['no action', json, '{}', 200, 'INVALID_ACTION'],
      ['an unknown action', json, '{"action":"functions.invokeFunction"}', 200, 'INVALID_ACTION'],
      ['a wrong env', json, '{"action":"database.getDocument","envName":"other"}', 200, 'INVALID_ENV'],
      [
        'a bad collection name',
        json,
        '{"action":"database.getDocument","collectionName":"a b"}',
        200,
        'INVALID_PARAM',
      ],
      [
        'broken EJSON',
        json,
        '{"action":"database.insertDocument","collectionName":"c","data":["{"]}',
        200,
        'DATABASE_COLLECTION_NOT_EXIST',
      ],
      [
        'a broken multipart body',
        { 'content-type': 'multipart/form-data; boundary=xyz' },
        '--xyz\r\ngarbage',
        400,
        'INVALID_PARAM',
      ],
    ])('answers %s with HTTP %i and a CloudBase error code', async (_label, headers, body, status, code) => {
      const response = await fetch(admin(), { method: 'POST', headers, body });
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({
        code,
        message: expect.any(String),
        requestId: expect.any(String),
      });
    });

    it('answers an openapi call with requestData that is not protobuf with INVALID_PARAM', async () => {
      const form = new FormData();
      form.append('action', 'wx.openApi');
      form.append('apiName', 'ocr.driverLicense');
      form.append('requestData', new Blob([Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])]));
      const response = await fetch(admin(), { method: 'POST', body: form });
      expect(await response.json()).toMatchObject({ code: 'INVALID_PARAM' });
    });

    it('answers unknown paths and methods with 404 and 405', async () => {
      expect((await fetch(url('/nowhere'))).status).toBe(404);
      expect((await fetch(url('/admin'))).status).toBe(405);
      expect((await fetch(url('/__emulator/nothing'))).status).toBe(404);
    });

    it('is still healthy afterwards', async () => {
      expect((await fetch(url('/__emulator/health'))).status).toBe(200);
    });
  });
});
