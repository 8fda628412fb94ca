import { idNumber, photo, wechatFields } from '../../../harness/support/licenses';
import type { DriverLicensesResult, OcrDriverLicenseResult } from '../../../src/api';
import { ScriptedRecognizer } from '../support/ScriptedRecognizer';
import { type LocalCloud, startLocalCloud } from '../support/startLocalCloud';

const recognizer = new ScriptedRecognizer();
let cloud: LocalCloud;

const call = (event: Record<string, unknown>, openid = 'owner') =>
  cloud.invoke<DriverLicensesResult>('driverLicenses', event, openid);

/** Scans `count` distinct licences for `openid`, oldest first; returns their record ids. */
async function scanLicences(count: number, openid = 'owner'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = await photo(100 + i + (openid === 'owner' ? 0 : 50));
    recognizer.answer(bytes, wechatFields({ id_num: idNumber('1990-12-21', 100 + i), name: `王${i}` }));
    const fileID = await cloud.upload(bytes, openid);
    const result = await cloud.invoke<OcrDriverLicenseResult>('ocrDriverLicense', { fileID }, openid);
    if (!result.ok) throw new Error(`scan failed: ${result.code} ${result.message}`);
    ids.push(result.id);
  }
  return ids;
}

beforeAll(async () => {
  cloud = await startLocalCloud({ recognizer });
});

afterAll(async () => {
  await cloud?.close();
});

beforeEach(async () => {
  await cloud.emulator.reset();
  recognizer.reset();
});

describe('driverLicenses', () => {
  it('lists only the caller’s records, newest first, paged', async () => {
    const ids = await scanLicences(3);
    await scanLicences(1, 'someone-else');

    const page1 = await call({ action: 'list', limit: 2 });
    const page2 = await call({ action: 'list', limit: 2, offset: 2 });

    expect(page1).toMatchObject({ ok: true, total: 3, limit: 2, offset: 0 });
    expect(page1.ok && page1.action === 'list' && page1.records.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(page2.ok && page2.action === 'list' && page2.records.map((r) => r.id)).toEqual([ids[0]]);
  });

  it('returns a record with its licence and no owner or image hash', async () => {
    const [id] = await scanLicences(1);

    const result = await call({ action: 'get', id });

    expect(result).toMatchObject({ ok: true, action: 'get', record: { id, license: { name: '王0' } } });
    const record = result.ok && result.action === 'get' ? result.record : {};
    expect(Object.keys(record).sort()).toEqual([
      'createdAt',
      'fileID',
      'id',
      'license',
      'updatedAt',
      'warnings',
    ]);
  });

  it('deletes the record and its stored image', async () => {
    const [id] = await scanLicences(1);
    const before = await call({ action: 'get', id });
    const fileID = before.ok && before.action === 'get' ? before.record.fileID : null;

    expect(await call({ action: 'delete', id })).toEqual({ ok: true, action: 'delete', id, deleted: true });
    expect(await call({ action: 'get', id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    await expect(cloud.sdk.downloadFile({ fileID: fileID ?? '' })).rejects.toBeDefined();
  });

  it('gives each caller fresh upload paths in a folder of its own', async () => {
    const paths = await Promise.all([call({ action: 'uploadPath' }), call({ action: 'uploadPath' })]);
    const theirs = await call({ action: 'uploadPath', extension: 'png' }, 'someone-else');

    const [a, b] = paths.map((p) => (p.ok && p.action === 'uploadPath' ? p.cloudPath : ''));
    const other = theirs.ok && theirs.action === 'uploadPath' ? theirs.cloudPath : '';
    expect(a).toMatch(/^licences\/[0-9a-f]{32}\/[0-9a-f]{24}\.jpg$/);
    expect(a).not.toBe(b);
    expect(a?.split('/')[1]).toBe(b?.split('/')[1]);
    expect(other).toMatch(/\.png$/);
    expect(other.split('/')[1]).not.toBe(a?.split('/')[1]);
  });

  it('deletes a record but not an image outside the caller’s folder, which only path ownership could prove', async () => {
    const victimFile = await cloud.upload(await photo(160), 'victim');
    const [id] = await scanLicences(1);
    // A record pointing elsewhere, as one saved before files were owned by path could.
    await cloud.sdk
      .database()
      .collection('driver_licenses')
      .doc(id ?? '')
      .update({ data: { fileID: victimFile } });

    expect(await call({ action: 'delete', id })).toMatchObject({ ok: true, deleted: true });
    expect((await cloud.sdk.downloadFile({ fileID: victimFile })).fileContent.length).toBeGreaterThan(0);
  });

  it.each(['get', 'delete'])(
    'answers NOT_FOUND to %s of another user’s record, leaving it intact',
    async (action) => {
      const [theirs] = await scanLicences(1, 'someone-else');

      expect(await call({ action, id: theirs })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect(await call({ action: 'get', id: theirs }, 'someone-else')).toMatchObject({ ok: true });
    },
  );

  it.each([
    ['an unknown action', { action: 'drop' }],
    ['a limit over 100', { action: 'list', limit: 101 }],
    ['a negative offset', { action: 'list', offset: -1 }],
    ['an id with a query operator', { action: 'get', id: { $ne: null } }],
    ['an id with path characters', { action: 'delete', id: '../x' }],
    ['no action', {}],
    ['an upload path the caller chose', { action: 'uploadPath', cloudPath: 'licences/x/y.jpg' }],
    ['an upload path for a non-image', { action: 'uploadPath', extension: 'html' }],
  ])('answers INVALID_ARGUMENT for %s', async (_, event) => {
    expect(await call(event)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });
});
