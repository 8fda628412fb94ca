import { type EmulatorWithSdk, rejectionOf, startEmulatorWithSdk } from './support/emulatorWithSdk';

describe('cloud storage through the emulator', () => {
  let env: EmulatorWithSdk;

  beforeAll(async () => {
    env = await startEmulatorWithSdk({ envId: 'test-env-1a2b' });
  });

  afterAll(async () => {
    await env.emulator.close();
  });

  beforeEach(async () => {
    await env.emulator.reset();
  });

  it('uploads, serves a temp URL, downloads and deletes a file', async () => {
    const bytes = Buffer.from('a photo, byte for byte \u0000\u00ff');
    const { fileID } = await env.cloud.uploadFile({ cloudPath: 'licences/u1/photo.jpg', fileContent: bytes });
    expect(fileID).toMatch(
      /^cloud:\/\/test-env-1a2b\.[0-9a-f]{4}-test-env-1a2b-\d+\/licences\/u1\/photo\.jpg$/,
    );

    const { fileList } = await env.cloud.getTempFileURL({ fileList: [fileID] });
    expect(fileList[0]).toMatchObject({ fileID, status: 0 });
    const served = await fetch(fileList[0]!.tempFileURL);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);

    const { fileContent } = await env.cloud.downloadFile({ fileID });
    expect(fileContent).toEqual(bytes);

    const deleted = await env.cloud.deleteFile({ fileList: [fileID] });
    expect(deleted.fileList).toEqual([{ fileID, status: 0, errMsg: 'ok' }]);
    expect((await fetch(fileList[0]!.tempFileURL)).status).toBe(404);
  });

  it('keeps file names with spaces and Chinese characters', async () => {
    const { fileID } = await env.cloud.uploadFile({
      cloudPath: '驾驶证/my photo.png',
      fileContent: Buffer.from('x'),
    });
    const { fileContent } = await env.cloud.downloadFile({ fileID });
    expect(fileContent.toString()).toBe('x');
  });

  it('reports a missing file per entry with -503003 and fails downloadFile', async () => {
    const missing = 'cloud://test-env-1a2b.7465-test-env-1a2b-1250000000/nothing.jpg';
    const { fileList } = await env.cloud.getTempFileURL({ fileList: [missing] });
    expect(fileList[0]).toMatchObject({ fileID: missing, status: -503003, tempFileURL: '' });
    const error = await rejectionOf(env.cloud.downloadFile({ fileID: missing }));
    expect(error.code).toBe('STORAGE_FILE_NONEXIST');
  });

  it('refuses a temp URL whose signature was tampered with', async () => {
    const { fileID } = await env.cloud.uploadFile({ cloudPath: 'a.jpg', fileContent: Buffer.from('x') });
    const { fileList } = await env.cloud.getTempFileURL({ fileList: [fileID] });
    const tampered = fileList[0]!.tempFileURL.replace(
      /sign=([0-9a-f])/,
      (_m, c: string) => `sign=${c === '0' ? '1' : '0'}`,
    );
    expect((await fetch(tampered)).status).toBe(403);
  });

  it('refuses a temp URL after its maxAge', async () => {
    const { fileID } = await env.cloud.uploadFile({ cloudPath: 'b.jpg', fileContent: Buffer.from('x') });
    const { fileList } = await env.cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 1 }] });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await fetch(fileList[0]!.tempFileURL)).status).toBe(403);
  });

  it('rejects an invalid cloudPath like the backend (INVALID_PARAM)', async () => {
    const error = await rejectionOf(
      env.cloud.uploadFile({ cloudPath: '../escape.jpg', fileContent: Buffer.from('x') }),
    );
    expect(error.code).toBe('INVALID_PARAM');
  });
});

describe('cloud.getWXContext() with the emulator environment', () => {
  it('returns the identity given to sdkEnv, and the env id', async () => {
    const env = await startEmulatorWithSdk({ envId: 'ctx-env' });
    try {
      Object.assign(
        process.env,
        env.emulator.sdkEnv({ openid: 'o-user-1', appid: 'wx-app-1', unionid: 'u-1' }),
      );
      expect(env.cloud.getWXContext()).toEqual({
        OPENID: 'o-user-1',
        APPID: 'wx-app-1',
        UNIONID: 'u-1',
        ENV: 'ctx-env',
      });
    } finally {
      await env.emulator.close();
    }
  });
});
