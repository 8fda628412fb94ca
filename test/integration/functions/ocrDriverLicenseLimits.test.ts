import { idNumber, photo, wechatFields } from '../../../harness/support/licenses';
import type { OcrDriverLicenseResult } from '../../../src/api';
import { ScriptedRecognizer } from '../support/ScriptedRecognizer';
import { type LocalCloud, startLocalCloud } from '../support/startLocalCloud';

const recognizer = new ScriptedRecognizer();
let cloud: LocalCloud;

const scan = (fileID: string, openid = 'user-a') =>
  cloud.invoke<OcrDriverLicenseResult>('ocrDriverLicense', { fileID }, openid);

async function stage(seed: number, openid = 'user-a'): Promise<string> {
  const bytes = await photo(seed);
  recognizer.answer(bytes, wechatFields({ id_num: idNumber('1985-01-02', seed), name: `赵${seed}` }));
  return cloud.upload(bytes, openid);
}

beforeAll(async () => {
  // Tight limits so each one can be reached in a test.
  cloud = await startLocalCloud({
    recognizer,
    env: { OCR_DAILY_LIMIT_PER_USER: '2', OCR_ATTEMPT_TIMEOUT_MS: '400', OCR_BUDGET_MS: '1500' },
  });
});

afterAll(async () => {
  await cloud?.close();
});

beforeEach(async () => {
  await cloud.emulator.reset();
  recognizer.reset();
});

describe('ocrDriverLicense limits', () => {
  it('answers RATE_LIMITED past the per-user daily limit, before spending WeChat quota', async () => {
    expect(await scan(await stage(1))).toMatchObject({ ok: true });
    expect(await scan(await stage(2))).toMatchObject({ ok: true });

    const third = await scan(await stage(3));

    expect(third).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(recognizer.calls).toBe(2);
    expect(await scan(await stage(4, 'user-b'), 'user-b')).toMatchObject({ ok: true });
  });

  it('does not count a cache hit against the limit', async () => {
    const fileID = await stage(5);
    for (let i = 0; i < 4; i++) expect(await scan(fileID)).toMatchObject({ ok: true });

    expect(recognizer.calls).toBe(1);
    expect(await scan(await stage(6))).toMatchObject({ ok: true });
  });

  it('ends a slow upstream in UPSTREAM_TIMEOUT within the budget, not a killed function', async () => {
    await cloud.fault({ api: 'ocr.driverLicense', delayMs: 3000, times: 1 });

    const started = Date.now();
    const result = await scan(await stage(7));

    expect(result).toMatchObject({ ok: false, code: 'UPSTREAM_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('keeps the OCR result when saving fails, so the retry costs no quota', async () => {
    // A first scan creates the collections and the caller's usage counter, so the next insert is the record's.
    expect(await scan(await stage(10))).toMatchObject({ ok: true });
    const fileID = await stage(8);
    // The scan's only insert is the record's (the counter and the kept result are upserts).
    await cloud.fault({ api: 'database.insertDocument', error: 'DATABASE_REQUEST_FAILED', times: 1 });

    const failed = await scan(fileID);
    const retried = await scan(fileID);

    expect(failed).toMatchObject({ ok: false, code: 'DATABASE_ERROR' });
    expect(retried).toMatchObject({ ok: true, created: true, cached: true });
    expect(recognizer.calls).toBe(2);
    expect(await cloud.ocrSpent()).toBe(2);
  });

  it('answers STORAGE_ERROR when the image cannot be downloaded, spending nothing', async () => {
    const fileID = await stage(9);
    await cloud.fault({ api: 'storage.batchGetDownloadUrl', error: 'STORAGE_REQUEST_FAIL', times: 1 });

    expect(await scan(fileID)).toMatchObject({ ok: false, code: 'STORAGE_ERROR' });
    expect(recognizer.calls).toBe(0);
  });
});
