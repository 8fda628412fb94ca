import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type EmulatorWithSdk,
  fakeJpeg,
  LICENSE_FIELDS,
  postJson,
  rejectionOf,
  ScriptedRecognizer,
  startEmulatorWithSdk,
  statsOf,
} from './support/emulatorWithSdk';

const TWO_MB = 2 * 1024 * 1024;

/** A JPEG that arrives one byte every 100 ms for 20 s: never idle long enough for an idle timeout. */
function drip(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'image/jpeg' });
  const bytes = fakeJpeg(200);
  let sent = 0;
  const timer = setInterval(() => {
    if (res.destroyed || sent >= bytes.length) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(bytes.subarray(sent, sent + 1));
    sent += 1;
  }, 100);
}

describe('cloud.openapi.ocr.driverLicense through the emulator', () => {
  const recognizer = new ScriptedRecognizer();
  let env: EmulatorWithSdk;
  let imageServer: http.Server;
  let imageBase: string;

  beforeAll(async () => {
    env = await startEmulatorWithSdk({ recognizer, ocrQuota: 5, imageUrlTimeoutMs: 1500 });
    imageServer = http.createServer((req, res) => {
      if (req.url === '/licence.jpg') res.end(fakeJpeg(4096));
      else if (req.url === '/drip.jpg') drip(res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
    imageBase = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      imageServer.close(() => resolve());
      imageServer.closeAllConnections();
    });
    await env.emulator.close();
  });

  beforeEach(async () => {
    await env.emulator.reset();
    recognizer.calls.length = 0;
    recognizer.outcome = { errcode: 0, fields: LICENSE_FIELDS };
  });

  it('recognizes img bytes and the SDK returns the fields camelCased', async () => {
    const image = fakeJpeg();
    const result = await env.cloud.openapi.ocr.driverLicense({
      img: { contentType: 'image/jpeg', value: image },
    });
    expect(result).toMatchObject({
      errCode: 0,
      idNum: LICENSE_FIELDS.id_num,
      name: LICENSE_FIELDS.name,
      carClass: 'C1',
      validTo: '2021-06-01',
      officialSeal: LICENSE_FIELDS.official_seal,
    });
    expect(recognizer.calls).toEqual([image]);
  });

  it('answers exactly WeChat JSON keys (snake_case) when convertCase is off', async () => {
    const result = (await env.cloud.openapi({ convertCase: false }).ocr.driverLicense({
      img: { contentType: 'image/jpeg', value: fakeJpeg() },
    })) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual([...Object.keys(LICENSE_FIELDS), 'errCode', 'errMsg'].sort());
  });

  it('fetches imgUrl from a loopback server', async () => {
    const result = await env.cloud.openapi.ocr.driverLicense({
      type: 'photo',
      imgUrl: `${imageBase}/licence.jpg`,
    });
    expect(result).toMatchObject({ errCode: 0, idNum: LICENSE_FIELDS.id_num });
    expect(recognizer.calls[0]).toEqual(fakeJpeg(4096));
  });

  it('fetches imgUrl from the emulator storage temp URL of an uploaded file', async () => {
    const { fileID } = await env.cloud.uploadFile({ cloudPath: 'ocr/a.jpg', fileContent: fakeJpeg(3000) });
    const { fileList } = await env.cloud.getTempFileURL({ fileList: [fileID] });
    const result = await env.cloud.openapi.ocr.driverLicense({ imgUrl: fileList[0]!.tempFileURL });
    expect(result).toMatchObject({ errCode: 0 });
    expect(recognizer.calls[0]).toEqual(fakeJpeg(3000));
  });

  it.each([
    ['a non-loopback host (never fetched)', 'http://example.com/licence.jpg'],
    ['a loopback URL answering 404', '/missing.jpg'],
    ['a closed port', 'http://127.0.0.1:1/licence.jpg'],
    ['not a URL', 'not a url'],
  ])('throws 101000 for imgUrl pointing at %s', async (_label, url) => {
    const imgUrl = url.startsWith('/') ? `${imageBase}${url}` : url;
    const error = await rejectionOf(env.cloud.openapi.ocr.driverLicense({ imgUrl }));
    expect(error.errCode).toBe(101000);
    expect(error.errMsg).toContain('invalid image url');
    expect(recognizer.calls).toHaveLength(0);
  });

  it('gives up on an image server that sends one byte every 100 ms at the fetch time limit', async () => {
    const started = Date.now();
    const error = await rejectionOf(env.cloud.openapi.ocr.driverLicense({ imgUrl: `${imageBase}/drip.jpg` }));
    expect(error.errCode).toBe(101000);
    expect(error.errMsg).toContain('not fetched within 1500 ms');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('throws 101002 for bytes that are not an image, without spending quota', async () => {
    const error = await rejectionOf(
      env.cloud.openapi.ocr.driverLicense({
        img: { contentType: 'image/jpeg', value: Buffer.from('%PDF-1.7 not an image') },
      }),
    );
    expect(error.errCode).toBe(101002);
    const stats = await statsOf(env.emulator);
    expect(stats.ocr.used).toBe(0);
  });

  it.each([
    [101001, 'certificate not found'],
    [101002, 'image decode failed'],
  ] as const)('passes the engine outcome %i through as the SDK error code', async (errcode, errmsg) => {
    recognizer.outcome = { errcode, errmsg };
    const error = await rejectionOf(
      env.cloud.openapi.ocr.driverLicense({ img: { contentType: 'image/png', value: fakeJpeg() } }),
    );
    expect(error.errCode).toBe(errcode);
    expect(error.errMsg).toContain(errmsg);
  });

  it('refuses an image of exactly 2 MB with 40006 and accepts one byte less', async () => {
    const tooBig = await rejectionOf(
      env.cloud.openapi.ocr.driverLicense({ img: { contentType: 'image/jpeg', value: fakeJpeg(TWO_MB) } }),
    );
    expect(tooBig.errCode).toBe(40006);
    const fits = await env.cloud.openapi.ocr.driverLicense({
      img: { contentType: 'image/jpeg', value: fakeJpeg(TWO_MB - 1) },
    });
    expect(fits.errCode).toBe(0);
  });

  it('throws 41005 when neither img nor imgUrl is given', async () => {
    const error = await rejectionOf(env.cloud.openapi.ocr.driverLicense({ type: 'photo' }));
    expect(error.errCode).toBe(41005);
  });

  it('throws 101003 once the daily quota is spent, and counts only engine runs', async () => {
    for (let i = 0; i < 5; i++) {
      await env.cloud.openapi.ocr.driverLicense({ img: { contentType: 'image/jpeg', value: fakeJpeg() } });
    }
    const error = await rejectionOf(
      env.cloud.openapi.ocr.driverLicense({ img: { contentType: 'image/jpeg', value: fakeJpeg() } }),
    );
    expect(error.errCode).toBe(101003);
    expect(recognizer.calls).toHaveLength(5);
    const stats = await statsOf(env.emulator);
    expect(stats.ocr).toMatchObject({ quota: 5, used: 5, left: 0 });
  });

  it('throws -1 when the engine fails', async () => {
    env.emulator.setRecognizer({
      recognize: async () => {
        throw new Error('engine crashed');
      },
    });
    try {
      const error = await rejectionOf(
        env.cloud.openapi.ocr.driverLicense({ img: { contentType: 'image/jpeg', value: fakeJpeg() } }),
      );
      expect(error.errCode).toBe(-1);
      expect(error.errMsg).toContain('system error');
    } finally {
      env.emulator.setRecognizer(recognizer);
    }
  });

  it('throws -1 from an injected fault, then recovers', async () => {
    await postJson(`${env.emulator.url}/__emulator/faults`, {
      api: 'ocr.driverLicense',
      errcode: -1,
      times: 1,
    });
    const call = () =>
      env.cloud.openapi.ocr.driverLicense({ img: { contentType: 'image/jpeg', value: fakeJpeg() } });
    expect((await rejectionOf(call())).errCode).toBe(-1);
    expect((await call()).errCode).toBe(0);
  });

  it('answers an unknown API like the real gateway: -604100 API not found', async () => {
    const error = await rejectionOf(
      env.cloud.openapi.ocr.unknownThing({ imgUrl: `${imageBase}/licence.jpg` }),
    );
    expect(error.errCode).toBe(-604100);
  });
});
