import { idNumber, photo, wechatFields } from '../../../harness/support/licenses';
import type { DriverLicensesResult, OcrDriverLicenseResult } from '../../../src/api';
import { ScriptedRecognizer } from '../support/ScriptedRecognizer';
import { LOOPBACK_CA, serveHttps } from '../support/serveHttps';
import { type LocalCloud, startLocalCloud } from '../support/startLocalCloud';

const recognizer = new ScriptedRecognizer();
let cloud: LocalCloud;

const scan = (event: Record<string, unknown>, openid = 'user-a') =>
  cloud.invoke<OcrDriverLicenseResult>('ocrDriverLicense', event, openid);

async function stage(
  seed: number,
  fields = wechatFields(),
  openid = 'user-a',
): Promise<{ fileID: string; bytes: Buffer }> {
  const bytes = await photo(seed);
  recognizer.answer(bytes, fields);
  return { fileID: await cloud.upload(bytes, openid), bytes };
}

/** Whether the file is still in storage. */
async function stored(fileID: string): Promise<boolean> {
  const { fileList } = (await cloud.sdk.getTempFileURL({ fileList: [fileID] })) as {
    fileList: { status: number }[];
  };
  return fileList[0]?.status === 0;
}

/** Every document in every collection the functions write, whoever owns it. */
async function everyDocument(): Promise<Record<string, unknown>[]> {
  const collections = [
    'driver_licenses',
    'driver_license_pending',
    'driver_license_ocr_usage',
    'driver_license_files', // where claims of files went, before files were owned by path
  ];
  const all: Record<string, unknown>[] = [];
  for (const name of collections) {
    try {
      all.push(
        ...((await cloud.sdk.database().collection(name).get()) as { data: Record<string, unknown>[] }).data,
      );
    } catch {
      // never created: nothing was written there
    }
  }
  return all;
}

async function records(openid?: string): Promise<Record<string, unknown>[]> {
  const collection = cloud.sdk.database().collection('driver_licenses');
  const query = openid ? collection.where({ _openid: openid }) : collection;
  try {
    const { data } = (await query.get()) as { data: Record<string, unknown>[] };
    return data;
  } catch {
    return []; // no collection yet: no record was ever written
  }
}

beforeAll(async () => {
  cloud = await startLocalCloud({ recognizer, emulator: { imageUrlCa: LOOPBACK_CA } });
});

afterAll(async () => {
  await cloud?.close();
});

beforeEach(async () => {
  await cloud.emulator.reset();
  recognizer.reset();
});

describe('ocrDriverLicense', () => {
  it('recognizes an uploaded photo and saves one normalized record for the caller', async () => {
    const { fileID } = await stage(
      1,
      wechatFields({ birth_date: '1990.12.21', valid_to: '6年', car_class: 'c1' }),
    );

    const result = await scan({ fileID });

    expect(result).toMatchObject({
      ok: true,
      created: true,
      cached: false,
      license: {
        name: '张三',
        birthDate: '1990-12-21',
        carClass: 'C1',
        validTo: '2024-12-21',
        validPeriodRaw: '6年',
      },
      warnings: [],
    });
    const saved = await records('user-a');
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ _openid: 'user-a', fileID, license: { idNum: wechatFields().id_num } });
    expect(saved[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('returns the stored result for an image the caller already had recognized, spending no quota', async () => {
    const { fileID } = await stage(2);
    const first = await scan({ fileID });
    const again = await scan({ fileID });

    expect(again).toMatchObject({ ok: true, created: false, cached: true });
    expect(again.ok && first.ok && again.id === first.id).toBe(true);
    expect(recognizer.calls).toBe(1);
  });

  it('updates the record instead of adding one when the same licence is scanned from a new photo', async () => {
    const first = await scan({ fileID: (await stage(3)).fileID });
    const second = await scan({
      fileID: (await stage(4, wechatFields({ address: '北京市东城区新地址1号' }))).fileID,
    });

    expect(second).toMatchObject({
      ok: true,
      created: false,
      cached: false,
      license: { address: '北京市东城区新地址1号' },
    });
    expect(first.ok && second.ok && first.id === second.id).toBe(true);
    expect(await records('user-a')).toHaveLength(1);
  });

  it('leaves one record when two scans of the same licence run at once', async () => {
    const photos = await Promise.all([stage(5), stage(6), stage(7), stage(8)]);
    const results = await Promise.all(photos.map(({ fileID }) => scan({ fileID })));

    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => (r.ok ? r.id : '')))).toEqual(
      new Set([results[0]?.ok && results[0].id]),
    );
    expect(await records('user-a')).toHaveLength(1);
  });

  it('keeps callers apart: the same licence scanned by two users is two records, each seeing only its own', async () => {
    const { fileID, bytes } = await stage(9);
    const a = await scan({ fileID }, 'user-a');
    const b = await scan({ fileID: await cloud.upload(bytes, 'user-b') }, 'user-b');

    expect(a).toMatchObject({ ok: true, created: true });
    expect(b).toMatchObject({ ok: true, created: true, cached: false });
    expect(a.ok && b.ok && a.id !== b.id).toBe(true);
    const listB = await cloud.invoke<DriverLicensesResult>('driverLicenses', { action: 'list' }, 'user-b');
    expect(listB).toMatchObject({ ok: true, total: 1 });
    const stolen = await cloud.invoke<DriverLicensesResult>(
      'driverLicenses',
      { action: 'get', id: a.ok ? a.id : '' },
      'user-b',
    );
    expect(stolen).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it.each([
    ['before its owner scanned it', false],
    ['after its owner scanned it', true],
  ])(
    'refuses another caller’s image %s, by its path alone, reading and writing nothing',
    async (_, ownerFirst) => {
      const { fileID } = await stage(23);
      if (ownerFirst) expect(await scan({ fileID }, 'user-a')).toMatchObject({ ok: true });
      const before = await everyDocument();

      const stolen = await scan({ fileID }, 'user-b');

      expect(stolen).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
      expect(stolen.ok ? '' : stolen.message).toMatch(/not in this user's upload folder/);
      expect(recognizer.calls).toBe(ownerFirst ? 1 : 0);
      expect(await everyDocument()).toEqual(before);
      expect(await stored(fileID)).toBe(true);
      expect(await scan({ fileID }, 'user-a')).toMatchObject({ ok: true }); // still the owner's
    },
  );

  it('writes nothing at all for fileIDs in the caller’s folder that were never uploaded', async () => {
    const real = await cloud.upload(await photo(35), 'user-a'); // only to learn what the folder's fileIDs look like
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => scan({ fileID: real.replace(/[^/]+$/, `made-up-${i}.jpg`) })),
    );

    expect(results.every((r) => !r.ok && r.code === 'NOT_FOUND')).toBe(true);
    expect(await everyDocument()).toEqual([]);
  });

  it('keeps one photo per record when scans of one licence race, and none once it is deleted', async () => {
    const photos = await Promise.all([30, 31, 32, 33].map((seed) => stage(seed)));
    const results = await Promise.all(photos.map(({ fileID }) => scan({ fileID })));
    expect(results.every((r) => r.ok)).toBe(true);
    const [record] = await records('user-a');

    const kept = [];
    for (const { fileID } of photos) if (await stored(fileID)) kept.push(fileID);
    expect(kept).toEqual([record?.fileID]);
    const id = results[0]?.ok ? results[0].id : '';
    expect(await cloud.invoke('driverLicenses', { action: 'delete', id }, 'user-a')).toMatchObject({
      ok: true,
    });
    for (const { fileID } of photos) expect(await stored(fileID)).toBe(false);
  });

  it('removes a second upload of a photo already on record, which nothing points at', async () => {
    const { fileID, bytes } = await stage(34);
    expect(await scan({ fileID })).toMatchObject({ ok: true, created: true });
    const again = await cloud.upload(bytes, 'user-a');

    expect(await scan({ fileID: again })).toMatchObject({ ok: true, cached: true });
    expect(await stored(again)).toBe(false);
    expect(await stored(fileID)).toBe(true);
  });

  it('warns, without failing, about a bad check digit, a class not in the list and validity out of order', async () => {
    const badNumber = `${idNumber('1990-12-21', 123).slice(0, 17)}${idNumber('1990-12-21', 123).endsWith('0') ? '1' : '0'}`;
    const { fileID } = await stage(
      10,
      wechatFields({ id_num: badNumber, car_class: 'Z9', valid_from: '2020-01-01', valid_to: '2019-01-01' }),
    );

    const result = await scan({ fileID });

    expect(result.ok).toBe(true);
    const codes = result.ok ? result.warnings.map((w) => w.code).sort() : [];
    expect(codes).toEqual(['ID_NUM_CHECK_DIGIT', 'UNKNOWN_CAR_CLASS', 'VALID_TO_BEFORE_VALID_FROM']);
  });

  it('logs no full licence number, name or address, on success or refusal', async () => {
    const fields = wechatFields({ name: '欧阳娜娜', address: '广东省深圳市南山区科技园路88号' });
    const { fileID } = await stage(20, fields);
    cloud.logs.length = 0;
    await scan({ fileID });
    await scan({ fileID });
    await cloud.fault({ api: 'database.modifyDocument', error: 'DATABASE_REQUEST_FAILED', times: 1 });
    await scan({ fileID: (await stage(21, fields)).fileID });

    const output = cloud.logs.join('\n');
    expect(output).toContain('license.saved');
    for (const secret of [fields.id_num, fields.name, fields.address, fields.id_num.slice(4, 14)]) {
      expect(output).not.toContain(secret);
    }
  });

  it('passes an https imgUrl to WeChat, which fetches it, and saves the result without an image', async () => {
    const bytes = await photo(22, 'jpeg');
    recognizer.answer(bytes, wechatFields({ name: '王五' }));
    const host = await serveHttps({ '/licence.jpg': bytes });
    try {
      const result = await scan({ imgUrl: `${host.url}/licence.jpg` });

      expect(result).toMatchObject({ ok: true, created: true, cached: false, license: { name: '王五' } });
      expect(host.hits).toEqual(['/licence.jpg']);
      expect(await records('user-a')).toEqual([expect.objectContaining({ fileID: null, imageSha256: null })]);
    } finally {
      await host.close();
    }
  });

  it('moves a record saved from an imgUrl onto the photo when the licence is then scanned from an upload', async () => {
    const bytes = await photo(36, 'jpeg');
    recognizer.answer(bytes, wechatFields());
    const host = await serveHttps({ '/licence.jpg': bytes });
    try {
      const byUrl = await scan({ imgUrl: `${host.url}/licence.jpg` });
      const { fileID } = await stage(37);
      const byFile = await scan({ fileID });

      expect(byFile).toMatchObject({ ok: true, created: false });
      expect(byUrl.ok && byFile.ok && byUrl.id === byFile.id).toBe(true);
      expect(await records('user-a')).toEqual([expect.objectContaining({ fileID })]);
    } finally {
      await host.close();
    }
  });

  it("sends an https imgUrl through to WeChat without fetching it, and maps 101000 to INVALID_IMAGE_URL with WeChat's reason", async () => {
    const result = await scan({ imgUrl: 'https://127.0.0.1:1/nothing-listens-here.jpg' });

    expect(result).toMatchObject({ ok: false, code: 'INVALID_IMAGE_URL' });
    expect(!result.ok && result.message).toMatch(
      /^ocr\.driverLicense answered errcode 101000: the image URL could not be fetched \(invalid image url hint: \[connect ECONNREFUSED 127\.0\.0\.1:1\]\)$/,
    );
    expect(await records()).toHaveLength(0);
  });
});

describe('ocrDriverLicense refusals', () => {
  it.each([
    ['neither fileID nor imgUrl', {}],
    ['both fileID and imgUrl', { fileID: 'cloud://x.y/a.jpg', imgUrl: 'https://example.com/a.jpg' }],
    ['an unknown key', { fileID: 'cloud://x.y/a.jpg', extra: 1 }],
    ['a number for fileID', { fileID: 42 }],
    ['an http imgUrl', { imgUrl: 'http://example.com/a.jpg' }],
    ['a javascript: imgUrl', { imgUrl: 'javascript:alert(1)' }],
    ['a fileID that is not cloud://', { fileID: 'https://example.com/a.jpg' }],
    ['a 10 KB fileID', { fileID: `cloud://local-dev.x/${'a'.repeat(10_000)}` }],
  ])('answers INVALID_ARGUMENT for %s, spending nothing', async (_, event) => {
    const result = await scan(event);

    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(recognizer.calls).toBe(0);
  });

  it.each([
    ['a text file renamed .jpg', Buffer.from('just some text, not an image at all')],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>')],
    ['an empty file', Buffer.alloc(0)],
  ])('answers UNSUPPORTED_IMAGE for %s', async (_, bytes) => {
    const fileID = await cloud.upload(bytes, 'user-a');

    expect(await scan({ fileID })).toMatchObject({ ok: false, code: 'UNSUPPORTED_IMAGE' });
    expect(recognizer.calls).toBe(0);
  });

  it('answers IMAGE_TOO_LARGE for exactly 2 MB, before any quota is spent', async () => {
    const small = await photo(11, 'jpeg');
    const bytes = Buffer.concat([small, Buffer.alloc(2 * 1024 * 1024 - small.length)]);
    const fileID = await cloud.upload(bytes, 'user-a');

    expect(await scan({ fileID })).toMatchObject({ ok: false, code: 'IMAGE_TOO_LARGE' });
    expect(recognizer.calls).toBe(0);
  });

  it('answers NOT_FOUND for a file deleted between upload and call', async () => {
    const { fileID } = await stage(12);
    await cloud.sdk.deleteFile({ fileList: [fileID] });

    expect(await scan({ fileID })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it.each([
    [
      '101001 (no licence in the photo)',
      { errcode: 101001, errmsg: 'certificate not found' },
      'NOT_A_LICENSE',
    ],
    ['101002 (undecodable image)', { errcode: 101002, errmsg: 'image decode failed' }, 'IMAGE_DECODE_FAILED'],
  ] as const)('maps the recognizer answering %s to %s, saving nothing', async (_, outcome, code) => {
    const bytes = await photo(13);
    recognizer.answer(bytes, outcome);

    expect(await scan({ fileID: await cloud.upload(bytes, 'user-a') })).toMatchObject({ ok: false, code });
    expect(await records()).toHaveLength(0);
  });

  it('answers NOT_A_LICENSE when every field comes back empty', async () => {
    const empty = wechatFields({ id_num: '', name: '', address: '', official_seal: '' });
    const { fileID } = await stage(14, empty);

    expect(await scan({ fileID })).toMatchObject({ ok: false, code: 'NOT_A_LICENSE' });
    expect(await records()).toHaveLength(0);
  });

  it.each([
    [-604101, 'PERMISSION_DENIED', /config\.json/],
    [101003, 'QUOTA_EXCEEDED', /quota/],
    [40001, 'UPSTREAM_AUTH', /token/],
    [-1, 'UPSTREAM_BUSY', /busy/],
    [999999, 'INTERNAL', /999999/],
  ])('maps upstream errcode %i to %s', async (errcode, code, message) => {
    await cloud.fault({ api: 'ocr.driverLicense', errcode, times: 100 });
    const { fileID } = await stage(15);

    const result = await scan({ fileID });

    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok ? '' : result.message).toMatch(message);
    expect(await records()).toHaveLength(0);
  });

  it('retries a busy upstream and succeeds once it recovers', async () => {
    await cloud.fault({ api: 'ocr.driverLicense', errcode: -1, times: 3 });
    const { fileID } = await stage(16);

    expect(await scan({ fileID })).toMatchObject({ ok: true, created: true });
  });

  it('answers QUOTA_EXCEEDED when the daily quota is spent', async () => {
    await cloud.emulator.close();
    cloud = await restartWith({ emulator: { ocrQuota: 1 } });
    await scan({ fileID: (await stage(17)).fileID });

    const result = await scan({ fileID: (await stage(18, wechatFields({ name: '李四' }))).fileID });

    expect(result).toMatchObject({ ok: false, code: 'QUOTA_EXCEEDED' });
  });

  it('answers UNAUTHENTICATED when the platform gives no caller identity', async () => {
    const { fileID } = await stage(19);

    expect(await scan({ fileID }, '')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

async function restartWith(options: Parameters<typeof startLocalCloud>[0]): Promise<LocalCloud> {
  await cloud.host.close();
  return startLocalCloud({ recognizer, ...options });
}
