import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_APPID, DEFAULT_SECRET, type Emulator, startEmulator } from '../../../emulator/startEmulator';
import {
  type AccessTokenProvider,
  ClientCredentialTokenProvider,
  HttpsOcrClient,
} from '../../../src/adapters/HttpsOcrClient';
import { toDriverLicense } from '../../../src/domain/toDriverLicense';
import { UpstreamError } from '../../../src/ports/OcrClient';
import { photo, wechatFields } from '../../../harness/support/licenses';
import { ScriptedRecognizer } from '../support/ScriptedRecognizer';

const recognizer = new ScriptedRecognizer();
let emulator: Emulator;
let tokenFetches: number;

/** Real fetch, counting the token requests that reach the server. */
const countingFetch: typeof fetch = (input, init) => {
  if (String(input).includes('/cgi-bin/token')) tokenFetches++;
  return fetch(input, init);
};

function tokens(secret = DEFAULT_SECRET, now?: () => number) {
  return new ClientCredentialTokenProvider({
    baseUrl: emulator.url,
    appid: DEFAULT_APPID,
    secret,
    fetch: countingFetch,
    ...(now ? { now } : {}),
  });
}

function client(provider: AccessTokenProvider = tokens()) {
  return new HttpsOcrClient({ baseUrl: emulator.url, tokens: provider, fetch: countingFetch });
}

beforeAll(async () => {
  emulator = await startEmulator({ recognizer, tokenTtlSeconds: 3600 });
});

afterAll(async () => {
  await emulator?.close();
});

beforeEach(async () => {
  await emulator.reset();
  recognizer.reset();
  tokenFetches = 0;
});

describe('HttpsOcrClient against the emulator’s WeChat HTTPS API', () => {
  it('recognizes uploaded bytes into snake_case fields that normalize to the DTO', async () => {
    const image = await photo(1, 'jpeg');
    recognizer.answer(image, wechatFields());

    const fields = await client().recognizeDriverLicense({ kind: 'img', image, contentType: 'image/jpeg' });

    expect(fields).toEqual(wechatFields());
    expect(toDriverLicense(fields).license).toMatchObject({
      idNum: wechatFields().id_num,
      validTo: '2024-12-21',
    });
  });

  it('reuses one cached token across calls', async () => {
    const image = await photo(2);
    recognizer.answer(image, wechatFields());
    const ocr = client();

    await ocr.recognizeDriverLicense({ kind: 'img', image, contentType: 'image/png' });
    await ocr.recognizeDriverLicense({ kind: 'img', image, contentType: 'image/png' });

    expect(tokenFetches).toBe(1);
  });

  it('refreshes a token WeChat refuses (40001) and retries once', async () => {
    const image = await photo(3);
    recognizer.answer(image, wechatFields());
    const real = tokens();
    let handedOut = 0;
    const stale: AccessTokenProvider = {
      token: (options) => (handedOut++ === 0 ? Promise.resolve('expired-token') : real.token(options)),
    };

    await expect(
      client(stale).recognizeDriverLicense({ kind: 'img', image, contentType: 'image/png' }),
    ).resolves.toEqual(wechatFields());
    expect(handedOut).toBe(2);
  });

  it('fetches img_url through WeChat (the emulator) rather than itself', async () => {
    const image = await photo(4);
    recognizer.answer(image, wechatFields({ name: '李四' }));
    Object.assign(process.env, emulator.sdkEnv({ openid: 'admin' }));
    const sdk: typeof import('wx-server-sdk') = require('wx-server-sdk');
    sdk.init({ env: emulator.envId });
    const { fileID } = await sdk.uploadFile({ cloudPath: 'u/4.png', fileContent: image });
    const { fileList } = (await sdk.getTempFileURL({ fileList: [fileID] })) as {
      fileList: { tempFileURL: string }[];
    };

    const fields = await client().recognizeDriverLicense({
      kind: 'imgUrl',
      imgUrl: fileList[0]?.tempFileURL ?? '',
    });

    expect(fields).toMatchObject({ name: '李四' });
  });

  it.each([
    [
      'a wrong secret',
      () => client(tokens('wrong')).recognizeDriverLicense({ kind: 'imgUrl', imgUrl: 'x' }),
      40125,
    ],
    [
      'bytes that are not an image',
      () =>
        client().recognizeDriverLicense({
          kind: 'img',
          image: Buffer.from('hello'),
          contentType: 'image/jpeg',
        }),
      101002,
    ],
    [
      'an img_url nothing serves',
      () => client().recognizeDriverLicense({ kind: 'imgUrl', imgUrl: 'http://127.0.0.1:1/a.jpg' }),
      101000,
    ],
  ])('rejects %s with UpstreamError %i', async (_, call, errcode) => {
    const error = await call().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).errcode).toBe(errcode);
  });

  it('answers a real fixture photo through the default local engine when no recognizer is set', async () => {
    const local = await startEmulator();
    try {
      const image = readFileSync(path.resolve(__dirname, '../../fixtures/negatives/receipt.jpg'));
      const ocr = new HttpsOcrClient({
        baseUrl: local.url,
        tokens: new ClientCredentialTokenProvider({
          baseUrl: local.url,
          appid: DEFAULT_APPID,
          secret: DEFAULT_SECRET,
        }),
      });
      const error = await ocr
        .recognizeDriverLicense({ kind: 'img', image, contentType: 'image/jpeg' })
        .catch((e) => e);
      expect((error as UpstreamError).errcode).toBe(101001);
    } finally {
      await local.close();
    }
  });
});
