import { DEFAULT_COMPONENT, type Emulator, startEmulator } from '../../../emulator/startEmulator';
import { fakeJpeg, LICENSE_FIELDS, postJson, ScriptedRecognizer, statsOf } from './support/emulatorWithSdk';

const APPID = 'wxtestappid000001';
const SECRET = 'test-secret';
const AUTHORIZER = 'wxauthorizer00001';
const REFRESH = 'refreshtoken@@@test';

describe("WeChat's HTTPS OCR API on the emulator", () => {
  const recognizer = new ScriptedRecognizer();
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({
      recognizer,
      appid: APPID,
      secret: SECRET,
      ocrQuota: 3,
      tokenTtlSeconds: 1,
      component: { ...DEFAULT_COMPONENT, authorizers: { [AUTHORIZER]: REFRESH } },
    });
  });

  afterAll(async () => {
    await emulator.close();
  });

  beforeEach(async () => {
    await emulator.reset();
    recognizer.calls.length = 0;
  });

  async function token(): Promise<string> {
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: APPID, secret: SECRET });
    const body = (await (await fetch(`${emulator.url}/cgi-bin/token?${query}`)).json()) as {
      access_token: string;
    };
    return body.access_token;
  }

  async function ocr(query: Record<string, string>, form?: FormData): Promise<Record<string, unknown>> {
    const url = `${emulator.url}/cv/ocr/drivinglicense?${new URLSearchParams(query)}`;
    const response = await fetch(url, { method: 'POST', ...(form ? { body: form } : {}) });
    return (await response.json()) as Record<string, unknown>;
  }

  function imageForm(bytes: Buffer): FormData {
    const form = new FormData();
    form.append('img', new Blob([bytes]), 'test.jpg');
    return form;
  }

  describe('GET /cgi-bin/token', () => {
    it('issues a token valid for the configured lifetime', async () => {
      const query = new URLSearchParams({ grant_type: 'client_credential', appid: APPID, secret: SECRET });
      const body = await (await fetch(`${emulator.url}/cgi-bin/token?${query}`)).json();
      expect(body).toEqual({ access_token: expect.stringMatching(/^[\w-]{100,}$/), expires_in: 1 });
    });

    it.each([
      ['a wrong secret', { appid: APPID, secret: 'nope' }, 40125, 'invalid appsecret'],
      ['a wrong appid', { appid: 'wxother', secret: SECRET }, 40013, 'invalid appid'],
    ])('answers %s with its errcode', async (_label, credentials, errcode, errmsg) => {
      const query = new URLSearchParams({ grant_type: 'client_credential', ...credentials });
      const body = await (await fetch(`${emulator.url}/cgi-bin/token?${query}`)).json();
      expect(body).toEqual({ errcode, errmsg: expect.stringContaining(errmsg) });
    });
  });

  describe("the component API: a third-party platform's authorizer_access_token", () => {
    const componentBody = {
      component_appid: DEFAULT_COMPONENT.appid,
      component_appsecret: DEFAULT_COMPONENT.secret,
      component_verify_ticket: DEFAULT_COMPONENT.verifyTicket,
    };

    async function post(pathAndQuery: string, body: unknown): Promise<Record<string, unknown>> {
      const response = await fetch(`${emulator.url}${pathAndQuery}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as Record<string, unknown>;
    }

    async function componentToken(): Promise<string> {
      return (await post('/cgi-bin/component/api_component_token', componentBody))
        .component_access_token as string;
    }

    async function authorizerToken(): Promise<string> {
      const body = await post(
        `/cgi-bin/component/api_authorizer_token?component_access_token=${await componentToken()}`,
        {
          component_appid: DEFAULT_COMPONENT.appid,
          authorizer_appid: AUTHORIZER,
          authorizer_refresh_token: REFRESH,
        },
      );
      return body.authorizer_access_token as string;
    }

    it('issues a component token, then an authorizer token that the OCR API takes as access_token', async () => {
      const component = await post('/cgi-bin/component/api_component_token', componentBody);
      expect(component).toEqual({
        component_access_token: expect.stringMatching(/^[\w-]{100,}$/),
        expires_in: 1,
      });

      const authorizer = await post(
        `/cgi-bin/component/api_authorizer_token?component_access_token=${component.component_access_token}`,
        {
          component_appid: DEFAULT_COMPONENT.appid,
          authorizer_appid: AUTHORIZER,
          authorizer_refresh_token: REFRESH,
        },
      );
      expect(authorizer).toEqual({
        authorizer_access_token: expect.stringMatching(/^[\w-]{100,}$/),
        expires_in: 1,
        authorizer_refresh_token: REFRESH,
      });

      const body = await ocr(
        { access_token: authorizer.authorizer_access_token as string },
        imageForm(fakeJpeg(1000)),
      );
      expect(body).toMatchObject({ errcode: 0, ...LICENSE_FIELDS });
    });

    it.each([
      ['a wrong component appid', { component_appid: 'wxother' }, 61011, 'invalid component'],
      ['a wrong component secret', { component_appsecret: 'nope' }, 40125, 'invalid appsecret'],
      ['a missing secret', { component_appsecret: undefined }, 41004, 'appsecret missing'],
      [
        'a stale verify ticket',
        { component_verify_ticket: 'ticket@@@old' },
        61006,
        'component ticket is invalid',
      ],
    ])('refuses a component token for %s', async (_label, change, errcode, errmsg) => {
      const body = await post('/cgi-bin/component/api_component_token', { ...componentBody, ...change });
      expect(body).toEqual({ errcode, errmsg: expect.stringContaining(errmsg) });
    });

    it.each([
      [
        'an authorizer that never authorized the platform',
        { authorizer_appid: 'wxstranger0000001' },
        61003,
        'component is not authorized by this account',
      ],
      [
        'a wrong refresh token',
        { authorizer_refresh_token: 'refreshtoken@@@forged' },
        61023,
        'refresh_token is invalid',
      ],
      ['another component', { component_appid: 'wxother' }, 61011, 'invalid component'],
    ])('refuses an authorizer token for %s', async (_label, change, errcode, errmsg) => {
      const body = await post(
        `/cgi-bin/component/api_authorizer_token?component_access_token=${await componentToken()}`,
        {
          component_appid: DEFAULT_COMPONENT.appid,
          authorizer_appid: AUTHORIZER,
          authorizer_refresh_token: REFRESH,
          ...change,
        },
      );
      expect(body).toEqual({ errcode, errmsg: expect.stringContaining(errmsg) });
    });

    it.each([
      ['no component token', '', 41001],
      ['an unknown component token', 'forged', 40001],
    ])('refuses an authorizer token with %s', async (_label, token, errcode) => {
      const query = token ? `?component_access_token=${token}` : '';
      const body = await post(`/cgi-bin/component/api_authorizer_token${query}`, {
        component_appid: DEFAULT_COMPONENT.appid,
        authorizer_appid: AUTHORIZER,
        authorizer_refresh_token: REFRESH,
      });
      expect(body).toMatchObject({ errcode });
    });

    it('does not take a component token, an authorizer token as component token, or an expired one', async () => {
      const image = imageForm(fakeJpeg(1000));
      expect(await ocr({ access_token: await componentToken() }, image)).toMatchObject({ errcode: 40001 });
      const asComponent = await post(
        `/cgi-bin/component/api_authorizer_token?component_access_token=${await authorizerToken()}`,
        {
          component_appid: DEFAULT_COMPONENT.appid,
          authorizer_appid: AUTHORIZER,
          authorizer_refresh_token: REFRESH,
        },
      );
      expect(asComponent).toMatchObject({ errcode: 40001 });
      const expiring = await authorizerToken();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await ocr({ access_token: expiring }, imageForm(fakeJpeg(1000)))).toMatchObject({
        errcode: 40001,
      });
      expect(recognizer.calls).toHaveLength(0);
    });

    it('answers 47001 to a body that is not a JSON object, and 415 to one that is not JSON', async () => {
      expect(await post('/cgi-bin/component/api_component_token', ['not', 'an object'])).toMatchObject({
        errcode: 47001,
      });
      const form = await fetch(`${emulator.url}/cgi-bin/component/api_component_token`, {
        method: 'POST',
        body: new URLSearchParams(componentBody),
      });
      expect(form.status).toBe(415);
    });
  });

  describe('POST /cv/ocr/drivinglicense', () => {
    it('recognizes the multipart field img and answers WeChat JSON', async () => {
      const body = await ocr({ access_token: await token() }, imageForm(fakeJpeg()));
      expect(body).toEqual({ errcode: 0, errmsg: 'ok', ...LICENSE_FIELDS });
    });

    it('fetches img_url from the emulator storage', async () => {
      const image = fakeJpeg(5000);
      const upload = (await (
        await postJson(`${emulator.url}/admin?env=${emulator.envId}`, {
          action: 'storage.getUploadMetadata',
          path: 'x/licence.jpg',
        })
      ).json()) as { data: { url: string; fileId: string } };
      await fetch(upload.data.url, { method: 'PUT', body: image });
      const urls = (await (
        await postJson(`${emulator.url}/admin?env=${emulator.envId}`, {
          action: 'storage.batchGetDownloadUrl',
          file_list: [{ fileid: upload.data.fileId }],
        })
      ).json()) as { data: { download_list: { tempFileURL: string }[] } };
      const body = await ocr({
        access_token: await token(),
        img_url: urls.data.download_list[0]!.tempFileURL,
      });
      expect(body.errcode).toBe(0);
      expect(recognizer.calls[0]).toEqual(image);
    });

    it.each([
      ['no access_token', 41001, async () => ({}), undefined],
      ['an unknown access_token', 40001, async () => ({ access_token: 'forged' }), undefined],
      ['neither img nor img_url', 41005, async () => ({ access_token: await token() }), undefined],
      [
        'an unreachable img_url',
        101000,
        async () => ({ access_token: await token(), img_url: 'http://127.0.0.1:1/a.jpg' }),
        undefined,
      ],
      [
        'bytes that are not an image',
        101002,
        async () => ({ access_token: await token() }),
        Buffer.from('GIF89a?'),
      ],
      ['an image of 2 MB', 40006, async () => ({ access_token: await token() }), fakeJpeg(2 * 1024 * 1024)],
    ] as const)('answers %s with errcode %i', async (_label, errcode, query, image) => {
      const body = await ocr(await query(), image ? imageForm(image) : undefined);
      expect(body.errcode).toBe(errcode);
      expect(typeof body.errmsg).toBe('string');
      expect(recognizer.calls).toHaveLength(0);
    });

    it('answers 40001 once the token expired', async () => {
      const expiring = await token();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await ocr({ access_token: expiring }, imageForm(fakeJpeg()))).errcode).toBe(40001);
    });

    it('shares the daily quota with the cloud call and answers 101003 when spent', async () => {
      const accessToken = await token();
      for (let i = 0; i < 3; i++)
        expect((await ocr({ access_token: accessToken }, imageForm(fakeJpeg()))).errcode).toBe(0);
      expect((await ocr({ access_token: accessToken }, imageForm(fakeJpeg()))).errcode).toBe(101003);
      expect((await statsOf(emulator)).ocr).toMatchObject({ quota: 3, used: 3, left: 0 });
    });

    it('answers -1 from an injected fault', async () => {
      await postJson(`${emulator.url}/__emulator/faults`, {
        api: 'ocr.driverLicense',
        errcode: -1,
        times: 1,
      });
      const accessToken = await token();
      expect((await ocr({ access_token: accessToken }, imageForm(fakeJpeg()))).errcode).toBe(-1);
      expect((await ocr({ access_token: accessToken }, imageForm(fakeJpeg()))).errcode).toBe(0);
    });
  });
});
