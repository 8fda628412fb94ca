import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EmulatorWithSdk, rejectionOf, startEmulatorWithSdk } from './support/emulatorWithSdk';
import { sdkUnderTest } from './support/sdkUnderTest';

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
    expect(error).toMatchObject(sdkUnderTest().rejects.downloadMissing);
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

  it.each([
    ['a question mark', 'licences/u1/why?.jpg'],
    ['a hash', 'licences/u1/#1.jpg'],
    ['a percent sign and what looks like an escape', 'licences/u1/100%3F.jpg'],
    ['all of them', 'a?b#c%d e/驾驶证?.jpg'],
  ])('uploads and downloads a cloudPath with %s', async (_label, cloudPath) => {
    const bytes = Buffer.from(cloudPath);
    const { fileID } = await env.cloud.uploadFile({ cloudPath, fileContent: bytes });
    expect(fileID.endsWith(`/${cloudPath}`)).toBe(true);
    expect((await env.cloud.downloadFile({ fileID })).fileContent).toEqual(bytes);
    const { fileList } = await env.cloud.getTempFileURL({ fileList: [fileID] });
    const served = await fetch(fileList[0]!.tempFileURL);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
  });

  it('rejects an invalid cloudPath like the backend (INVALID_PARAM) and stores nothing', async () => {
    const error = await rejectionOf(
      env.cloud.uploadFile({ cloudPath: '../escape.jpg', fileContent: Buffer.from('x') }),
    );
    expect(error).toMatchObject(sdkUnderTest().rejects.badCloudPath);
    const escaped = 'cloud://test-env-1a2b.7465-test-env-1a2b-1250000000/../escape.jpg';
    const { fileList } = await env.cloud.getTempFileURL({ fileList: [escaped] });
    expect(fileList[0]).toMatchObject({ status: -503003 });
  });
});

describe('stored files on disk', () => {
  let dataDir: string;
  let env: EmulatorWithSdk;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-files-'));
    fs.chmodSync(dataDir, 0o755); // as an earlier version, or a loose umask, left it
    env = await startEmulatorWithSdk({ dataDir });
  });

  afterEach(async () => {
    await env.emulator.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function filesUnder(dir: string): string[] {
    return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => path.join(dir, name));
  }

  it('keeps the bytes of an acknowledged file untouched while an overwrite writes new ones', async () => {
    const first = Buffer.alloc(64 * 1024, 1);
    await env.cloud.uploadFile({ cloudPath: 'licences/u/a.jpg', fileContent: first });
    const [stored] = filesUnder(path.join(dataDir, 'storage')).filter((f) => fs.statSync(f).isFile());
    // Held open like a reader (or a crash) would: an in-place write would show through it.
    const held = fs.openSync(stored ?? '', 'r');
    try {
      const second = Buffer.alloc(32 * 1024, 2);
      const { fileID } = await env.cloud.uploadFile({ cloudPath: 'licences/u/a.jpg', fileContent: second });
      const seen = Buffer.alloc(first.length);
      expect(fs.readSync(held, seen, 0, seen.length, 0)).toBe(first.length);
      expect(seen).toEqual(first);
      expect((await env.cloud.downloadFile({ fileID })).fileContent).toEqual(second);
    } finally {
      fs.closeSync(held);
    }
    const left = filesUnder(path.join(dataDir, 'storage')).filter((f) => fs.statSync(f).isFile());
    expect(left).toHaveLength(1); // the replaced bytes are gone once the new ones are committed
  });

  it('makes the data dir and every file in it readable by the owner only', async () => {
    await env.cloud.database().createCollection('c');
    await env.cloud
      .database()
      .collection('c')
      .add({ data: { a: 1 } });
    await env.cloud.uploadFile({ cloudPath: 'licences/u/b.jpg', fileContent: Buffer.from('photo') });
    const loose = [dataDir, ...filesUnder(dataDir)]
      .map((f) => ({ f: path.relative(dataDir, f) || '.', mode: fs.statSync(f).mode & 0o777 }))
      .filter(({ mode }) => (mode & 0o077) !== 0);
    expect(loose).toEqual([]);
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
