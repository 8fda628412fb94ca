import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_APPID,
  DEFAULT_COMPONENT,
  DEFAULT_SECRET,
  type Emulator,
  startEmulator,
} from '../../../emulator/startEmulator';
import { photo, wechatFields } from '../../../harness/support/licenses';
import { AuthorizerTokenProvider } from '../../../src/adapters/AuthorizerTokenProvider';
import { ClientCredentialTokenProvider } from '../../../src/adapters/ClientCredentialTokenProvider';
import { HttpsOcrClient } from '../../../src/adapters/HttpsOcrClient';
import { toDriverLicense } from '../../../src/domain/toDriverLicense';
import type { AccessTokenProvider } from '../../../src/ports/AccessTokenProvider';
import { UpstreamError } from '../../../src/ports/OcrClient';
import { ScriptedRecognizer } from '../support/ScriptedRecognizer';

const recognizer = new ScriptedRecognizer();
let emulator: Emulator;
let tokenFetches: number;

/** Real fetch, counting the token requests that reach the server. */
const countingFetch: typeof fetch = (input, init) => {
  if (String(input).includes('/cgi-bin/token')) tokenFetches++;
  if (String(input).includes('/cgi-bin/component/')) componentCalls.push(new URL(String(input)).pathname);
  return fetch(input, init);
};
let componentCalls: string[];

function authorizerTokens(refreshToken = DEFAULT_COMPONENT.authorizers[DEFAULT_APPID]!) {
  return new AuthorizerTokenProvider({
    baseUrl: emulator.url,
    componentAppid: DEFAULT_COMPONENT.appid,
    componentSecret: DEFAULT_COMPONENT.secret,
    verifyTicket: () => DEFAULT_COMPONENT.verifyTicket,
    authorizerAppid: DEFAULT_APPID,
    authorizerRefreshToken: refreshToken,
    fetch: countingFetch,
  });
}

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
  componentCalls = [];
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
  ])('rejects %s with an UpstreamError carrying its errcode', async (_, call, errcode) => {
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

describe("HttpsOcrClient with a third-party platform's authorizer_access_token", () => {
  it('gets a component token, then an authorizer token, and reads the licence with it', async () => {
    const image = await photo(11);
    recognizer.answer(image, wechatFields());
    const ocr = client(authorizerTokens());

    await expect(
      ocr.recognizeDriverLicense({ kind: 'img', image, contentType: 'image/png' }),
    ).resolves.toEqual(wechatFields());
    await ocr.recognizeDriverLicense({ kind: 'img', image, contentType: 'image/png' });

    expect(componentCalls).toEqual([
      '/cgi-bin/component/api_component_token',
      '/cgi-bin/component/api_authorizer_token',
    ]);
    expect(tokenFetches).toBe(0);
  });

  it('renews the authorizer token, and the component token under it, once WeChat refuses them', async () => {
    const image = await photo(12);
    recognizer.answer(image, wechatFields());
    const ocr = client(authorizerTokens());
    await ocr.recognizeDriverLicense({ kind: 'img', image, contentType: 'image/png' });
    await emulator.reset(); // every token issued so far is now unknown, as after a revocation
    recognizer.answer(image, wechatFields());

    await expect(
      ocr.recognizeDriverLicense({ kind: 'img', image, contentType: 'image/png' }),
    ).resolves.toEqual(wechatFields());

    expect(componentCalls).toEqual([
      '/cgi-bin/component/api_component_token',
      '/cgi-bin/component/api_authorizer_token',
      '/cgi-bin/component/api_authorizer_token',
      '/cgi-bin/component/api_component_token',
      '/cgi-bin/component/api_authorizer_token',
    ]);
  });

  it("surfaces WeChat's refusal of a wrong refresh token as an UpstreamError (61023)", async () => {
    const ocr = client(authorizerTokens('refreshtoken@@@forged'));

    const error = await ocr
      .recognizeDriverLicense({ kind: 'img', image: await photo(13), contentType: 'image/png' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ errcode: 61023 });
  });
});
