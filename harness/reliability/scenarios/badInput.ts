import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import type { DriverLicensesResult, OcrDriverLicenseResult } from '../../../src/api';
import { ownerPrefix } from '../../../src/domain/uploadPath';
import type { ErrorCode } from '../../../src/errors';
import { licenceFor } from '../support/licences';
import type { FunctionName, ReliabilityCloud } from '../support/ReliabilityCloud';
import type { SecretLedger } from '../support/SecretLedger';
import { stampedPhoto } from '../support/stampedPhoto';
import { Checks, type ScenarioReport } from './ScenarioReport';

/** What a case may need: the cloud, a valid fileID shape, and another user's record and image. */
export interface BadInputContext {
  cloud: ReliabilityCloud;
  /** `cloud://<env>.<bucket>/` of this emulator, so path tricks differ from valid only by the trick. */
  fileIdPrefix: string;
  victim: { openid: string; recordId: string; fileID: string };
}

export interface BadInputCase {
  name: string;
  fn: FunctionName;
  code: ErrorCode;
  /** The event as it will arrive (built with JSON.parse where keys like __proto__ must be own keys). */
  event(ctx: BadInputContext): Promise<unknown> | unknown;
  /** A fragment the refusal's message must contain, when it proves the input arrived as sent. */
  message?: RegExp;
}

export const CALLER = 'o-bad-input-caller';
const KB10 = 'a'.repeat(10 * 1024);

const ocr = (
  name: string,
  code: ErrorCode,
  event: BadInputCase['event'],
  message?: RegExp,
): BadInputCase => ({
  name,
  fn: 'ocrDriverLicense',
  code,
  event,
  ...(message ? { message } : {}),
});
const records = (
  name: string,
  code: ErrorCode,
  event: BadInputCase['event'],
  message?: RegExp,
): BadInputCase => ({
  name,
  fn: 'driverLicenses',
  code,
  event,
  ...(message ? { message } : {}),
});

/** Uploads `bytes` into the caller's folder (as `name` there, if given) and returns an event naming the upload. */
const upload = (bytes: () => Promise<Buffer> | Buffer, name?: string) => async (ctx: BadInputContext) => ({
  fileID: await ctx.cloud.upload(await bytes(), CALLER, name),
});

function withIhdrSize(png: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(png);
  copy.writeUInt32BE(width, 16);
  copy.writeUInt32BE(height, 20);
  copy.writeUInt32BE(crc32(copy.subarray(12, 29)), 29); // keep the chunk's CRC valid
  return copy;
}

async function plainPng(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();
}

/** A JPEG with real entropy-coded data (noise), so half of it is a genuinely truncated scan. */
async function noisyJpeg(): Promise<Buffer> {
  const pixels = Buffer.alloc(160 * 120 * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width: 160, height: 120, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

function jpegWithFrame(width: number, height: number): Buffer {
  // SOI, SOF0 (length 11: precision 8, height, width, 1 component), then EOI.
  const sof = [
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    0x01,
    0x01,
    0x11,
    0x00,
  ];
  return Buffer.from([0xff, 0xd8, ...sof, 0xff, 0xd9]);
}

/** The table: every hostile or broken input and the code the functions document for it. */
export const BAD_INPUT_CASES: readonly BadInputCase[] = [
  // --- ocrDriverLicense: shape of the event
  ocr('an empty event', 'INVALID_ARGUMENT', () => ({}), /missing fileID or imgUrl/),
  ocr(
    'both fileID and imgUrl',
    'INVALID_ARGUMENT',
    (c) => ({ fileID: `${c.fileIdPrefix}a.png`, imgUrl: 'https://example.com/a.jpg' }),
    /not both/,
  ),
  ocr(
    'an extra key',
    'INVALID_ARGUMENT',
    (c) => ({ fileID: `${c.fileIdPrefix}a.png`, debug: true }),
    /unknown key "debug"/,
  ),
  ocr('a number for fileID', 'INVALID_ARGUMENT', () => ({ fileID: 42 }), /got number/),
  ocr('null for fileID', 'INVALID_ARGUMENT', () => ({ fileID: null }), /got null/),
  ocr('a boolean for imgUrl', 'INVALID_ARGUMENT', () => ({ imgUrl: true }), /got boolean/),
  ocr(
    'a query operator object for fileID',
    'INVALID_ARGUMENT',
    () => ({ fileID: { $ne: null } }),
    /got object/,
  ),
  ocr(
    'an array for fileID',
    'INVALID_ARGUMENT',
    (c) => ({ fileID: [`${c.fileIdPrefix}a.png`] }),
    /got an array/,
  ),
  ocr(
    'an array for imgUrl',
    'INVALID_ARGUMENT',
    () => ({ imgUrl: ['https://example.com/a.jpg'] }),
    /got an array/,
  ),
  ocr(
    'an array as the event (arrives with index keys)',
    'INVALID_ARGUMENT',
    (c) => [`${c.fileIdPrefix}a.png`],
    /unknown key "0"/,
  ),
  ocr(
    'an own __proto__ key',
    'INVALID_ARGUMENT',
    (c) => JSON.parse(`{"__proto__":{"isAdmin":true},"fileID":"${c.fileIdPrefix}a.png"}`),
    /unknown key "__proto__"/,
  ),
  ocr(
    '__proto__ smuggling the fileID',
    'INVALID_ARGUMENT',
    (c) => JSON.parse(`{"__proto__":{"fileID":"${c.fileIdPrefix}a.png"}}`),
    /unknown key "__proto__"/,
  ),
  ocr(
    'a constructor key',
    'INVALID_ARGUMENT',
    (c) => JSON.parse(`{"constructor":{"prototype":{"x":1}},"fileID":"${c.fileIdPrefix}a.png"}`),
    /unknown key "constructor"/,
  ),
  // --- fileID
  ocr('an empty fileID', 'INVALID_ARGUMENT', () => ({ fileID: '' })),
  ocr(
    'an https URL as fileID',
    'INVALID_ARGUMENT',
    () => ({ fileID: 'https://example.com/a.png' }),
    /cloud:\/\//,
  ),
  ocr(
    'a fileID of another environment',
    'INVALID_ARGUMENT',
    () => ({ fileID: 'cloud://prod-env-1.7072-prod-env-1-1250000000/driver-licenses/a.png' }),
    /belongs to env/,
  ),
  ocr(
    'a fileID climbing out with ..',
    'INVALID_ARGUMENT',
    (c) => ({ fileID: `${c.fileIdPrefix}driver-licenses/../../etc/passwd` }),
    /'\.\.'/,
  ),
  ocr(
    'a fileID with percent-encoded ../',
    'INVALID_ARGUMENT',
    (c) => ({ fileID: `${c.fileIdPrefix}driver-licenses/%2e%2e%2fsecret.png` }),
    /percent-encode/,
  ),
  ocr('a fileID with a backslash', 'INVALID_ARGUMENT', (c) => ({
    fileID: `${c.fileIdPrefix}driver-licenses\\..\\a.png`,
  })),
  ocr(
    'a fileID with a // path',
    'INVALID_ARGUMENT',
    (c) => ({ fileID: `${c.fileIdPrefix}/etc/passwd` }),
    /'\/\/'/,
  ),
  ocr(
    'a fileID with a NUL byte',
    'INVALID_ARGUMENT',
    (c) => ({ fileID: `${c.fileIdPrefix}a.png\u0000.txt` }),
    /control/,
  ),
  ocr(
    'a fileID naming a folder',
    'INVALID_ARGUMENT',
    (c) => ({ fileID: `${c.fileIdPrefix}driver-licenses/` }),
    /folder/,
  ),
  ocr('a 10 KB fileID', 'INVALID_ARGUMENT', (c) => ({ fileID: `${c.fileIdPrefix}${KB10}` }), /at most 1024/),
  // --- imgUrl
  ocr('an http imgUrl', 'INVALID_ARGUMENT', () => ({ imgUrl: 'http://example.com/a.jpg' }), /https/),
  ocr('an ftp imgUrl', 'INVALID_ARGUMENT', () => ({ imgUrl: 'ftp://example.com/a.jpg' }), /https/),
  ocr(
    'a data: imgUrl',
    'INVALID_ARGUMENT',
    () => ({ imgUrl: 'data:image/png;base64,iVBORw0KGgo=' }),
    /https/,
  ),
  ocr(
    'a javascript: imgUrl',
    'INVALID_ARGUMENT',
    () => ({ imgUrl: 'javascript:alert(document.cookie)' }),
    /https/,
  ),
  ocr('a file: imgUrl', 'INVALID_ARGUMENT', () => ({ imgUrl: 'file:///etc/passwd' }), /https/),
  ocr(
    'an imgUrl with user and password',
    'INVALID_ARGUMENT',
    () => ({ imgUrl: 'https://admin:hunter2@example.com/a.jpg' }),
    /credentials/,
  ),
  ocr(
    'an imgUrl with a user only',
    'INVALID_ARGUMENT',
    () => ({ imgUrl: 'https://token@example.com/a.jpg' }),
    /credentials/,
  ),
  ocr(
    'an imgUrl with a header-injecting newline',
    'INVALID_ARGUMENT',
    () => ({ imgUrl: 'https://example.com/a.jpg\r\nX-Evil: 1' }),
    /whitespace/,
  ),
  ocr('an empty imgUrl', 'INVALID_ARGUMENT', () => ({ imgUrl: '' }), /empty/),
  ocr('a relative imgUrl', 'INVALID_ARGUMENT', () => ({ imgUrl: '/a.jpg' }), /absolute/),
  ocr(
    'a 10 KB imgUrl',
    'INVALID_ARGUMENT',
    () => ({ imgUrl: `https://example.com/${KB10}` }),
    /at most 2048/,
  ),
  // --- file contents
  ocr(
    'an empty file',
    'UNSUPPORTED_IMAGE',
    upload(() => Buffer.alloc(0)),
  ),
  ocr(
    'a text file renamed .jpg',
    'UNSUPPORTED_IMAGE',
    upload(() => Buffer.from('name,idNum\nnot an image\n'), 'notes.jpg'),
  ),
  ocr(
    'an SVG',
    'UNSUPPORTED_IMAGE',
    upload(
      () =>
        Buffer.from(
          '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="800" height="500"><text>驾驶证</text></svg>',
        ),
      'card.svg',
    ),
  ),
  ocr(
    'a GIF',
    'UNSUPPORTED_IMAGE',
    upload(async () =>
      sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
        .gif()
        .toBuffer(),
    ),
  ),
  ocr(
    'a 0x0 PNG',
    'UNSUPPORTED_IMAGE',
    upload(async () => withIhdrSize(await plainPng(), 0, 0)),
    /dimensions/,
  ),
  ocr(
    'a 20000x20000 PNG header (decompression bomb)',
    'IMAGE_DIMENSIONS_TOO_LARGE',
    upload(async () => withIhdrSize(await plainPng(), 20_000, 20_000)),
    /20000x20000/,
  ),
  ocr(
    'a 65535x65535 JPEG frame header',
    'IMAGE_DIMENSIONS_TOO_LARGE',
    upload(() => jpegWithFrame(65_535, 65_535)),
    /more than the 40 MP/,
  ),
  ocr(
    'a JPEG cut in half',
    'IMAGE_DECODE_FAILED',
    upload(async () => {
      const jpeg = await noisyJpeg();
      return jpeg.subarray(0, Math.floor(jpeg.length / 2));
    }),
    /truncated/,
  ),
  ocr(
    'a PNG cut in half',
    'IMAGE_DECODE_FAILED',
    upload(async () => {
      const png = await stampedPhoto(9_001, null);
      return png.subarray(0, Math.floor(png.length / 2));
    }),
    /truncated/,
  ),
  ocr(
    'an image of exactly 2 MB',
    'IMAGE_TOO_LARGE',
    upload(async () => {
      const jpeg = await noisyJpeg();
      return Buffer.concat([jpeg, Buffer.alloc(2 * 1024 * 1024 - jpeg.length)]);
    }),
    /2097152 bytes/,
  ),
  ocr('a file deleted between upload and call', 'NOT_FOUND', async (c) => {
    const fileID = await c.cloud.upload(await stampedPhoto(9_002, licenceFor(9_002)), CALLER);
    await c.cloud.deleteFile(fileID);
    return { fileID };
  }),
  ocr('a fileID in the caller’s folder that was never uploaded', 'NOT_FOUND', (c) => ({
    fileID: `${c.fileIdPrefix}${ownerPrefix(CALLER)}never-uploaded.png`,
  })),
  ocr(
    "another user's uploaded fileID (files are owned by path)",
    'INVALID_ARGUMENT',
    (c) => ({ fileID: c.victim.fileID }),
    /not in this user's upload folder/,
  ),
  ocr(
    'a fileID outside any upload folder',
    'INVALID_ARGUMENT',
    (c) => ({ fileID: `${c.fileIdPrefix}driver-licenses/1732780000000-a1b2c3d4.jpg` }),
    /not in this user's upload folder/,
  ),
  // --- driverLicenses
  records('no action', 'INVALID_ARGUMENT', () => ({})),
  records('an unknown action', 'INVALID_ARGUMENT', () => ({ action: 'dropDatabase' })),
  records('an array for action', 'INVALID_ARGUMENT', () => ({ action: ['list'] })),
  records('an array as the event', 'INVALID_ARGUMENT', () => ['list']),
  records('a string limit', 'INVALID_ARGUMENT', () => ({ action: 'list', limit: '10' }), /limit/),
  records('a fractional limit', 'INVALID_ARGUMENT', () => ({ action: 'list', limit: 1.5 }), /limit/),
  records('a huge offset', 'INVALID_ARGUMENT', () => ({ action: 'list', offset: 1e12 }), /offset/),
  records(
    'an extra key on list',
    'INVALID_ARGUMENT',
    () => ({ action: 'list', where: { _openid: { $exists: true } } }),
    /unknown key "where"/,
  ),
  records('get without an id', 'INVALID_ARGUMENT', () => ({ action: 'get' }), /needs an id/),
  records('a query operator as id', 'INVALID_ARGUMENT', () => ({ action: 'get', id: { $regex: '.*' } })),
  records('an array as id', 'INVALID_ARGUMENT', (c) => ({ action: 'get', id: [c.victim.recordId] })),
  records('a 10 KB id', 'INVALID_ARGUMENT', () => ({ action: 'get', id: KB10 })),
  records('an id with path characters', 'INVALID_ARGUMENT', () => ({
    action: 'delete',
    id: '../driver_license_pending',
  })),
  records(
    'an own __proto__ key on delete',
    'INVALID_ARGUMENT',
    (c) =>
      JSON.parse(
        `{"action":"delete","id":"${c.victim.recordId}","__proto__":{"_openid":"${c.victim.openid}"}}`,
      ),
    /unknown key "__proto__"/,
  ),
  records(
    'a constructor key on get',
    'INVALID_ARGUMENT',
    (c) => JSON.parse(`{"action":"get","id":"${c.victim.recordId}","constructor":{"name":"x"}}`),
    /unknown key "constructor"/,
  ),
  records(
    'uploadPath naming its own cloudPath',
    'INVALID_ARGUMENT',
    (c) => ({ action: 'uploadPath', cloudPath: c.victim.fileID }),
    /unknown key "cloudPath"/,
  ),
  records('uploadPath for an .html file', 'INVALID_ARGUMENT', () => ({
    action: 'uploadPath',
    extension: 'html',
  })),
  records("get of another user's record", 'NOT_FOUND', (c) => ({ action: 'get', id: c.victim.recordId })),
  records("delete of another user's record", 'NOT_FOUND', (c) => ({
    action: 'delete',
    id: c.victim.recordId,
  })),
  records('a userInfo claiming to be the owner', 'NOT_FOUND', (c) => ({
    action: 'get',
    id: c.victim.recordId,
    userInfo: { openId: c.victim.openid, appId: 'wx0' },
  })),
];

/** Stages another user's record (with its image) that the cases try to reach. */
export async function prepareBadInput(
  cloud: ReliabilityCloud,
  ledger: SecretLedger,
): Promise<BadInputContext> {
  const fields = licenceFor(9_000);
  ledger.register(fields);
  const openid = 'o-bad-input-victim';
  const fileID = await cloud.upload(await stampedPhoto(9_000, fields), openid);
  const { result } = await cloud.invoke<OcrDriverLicenseResult>('ocrDriverLicense', { fileID }, openid);
  if (!result?.ok) throw new Error(`could not stage the victim's record: ${JSON.stringify(result)}`);
  const fileIdPrefix = fileID.slice(0, fileID.indexOf('/', 'cloud://'.length) + 1);
  return { cloud, fileIdPrefix, victim: { openid, recordId: result.id, fileID } };
}

export interface CaseOutcome {
  ok: boolean;
  failures: string[];
}

/**
 * Runs one case and checks every promise the suite makes: the invocation resolves with the case's
 * code (and message), no record or pending result is written, no OCR call is made or quota spent,
 * and the victim's record and image are intact.
 */
export async function runBadInputCase(ctx: BadInputContext, testCase: BadInputCase): Promise<CaseOutcome> {
  const { cloud } = ctx;
  const event = await testCase.event(ctx);
  const before = await snapshot(cloud);
  const { result, error } = await cloud.invoke<OcrDriverLicenseResult | DriverLicensesResult>(
    testCase.fn,
    event,
    CALLER,
  );
  const after = await snapshot(cloud);

  const failures: string[] = [];
  if (error !== undefined) failures.push(`invocation did not resolve: ${error}`);
  else if (result?.ok !== false || result.code !== testCase.code) {
    failures.push(`expected ${testCase.code}, got ${JSON.stringify(result).slice(0, 300)}`);
  } else if (testCase.message && !testCase.message.test(result.message)) {
    failures.push(`message ${JSON.stringify(result.message)} does not match ${testCase.message}`);
  }
  if (after.records !== before.records) failures.push(`records ${before.records} -> ${after.records}`);
  if (after.pending !== before.pending)
    failures.push(`pending results ${before.pending} -> ${after.pending}`);
  if (after.stats.ocrUsed !== before.stats.ocrUsed)
    failures.push(`quota spent: ${after.stats.ocrUsed - before.stats.ocrUsed}`);
  if (after.stats.ocrCalls !== before.stats.ocrCalls)
    failures.push(`OCR calls made: ${after.stats.ocrCalls - before.stats.ocrCalls}`);
  const victim = await cloud.documents();
  if (!victim.some((doc) => doc._id === ctx.victim.recordId))
    failures.push("the other user's record is gone");
  if (!(await cloud.fileExists(ctx.victim.fileID))) failures.push("the other user's image is gone");
  return { ok: failures.length === 0, failures };
}

async function snapshot(cloud: ReliabilityCloud) {
  const [records, pending, stats] = await Promise.all([
    cloud.documents('driver_licenses'),
    cloud.documents('driver_license_pending'),
    cloud.stats(),
  ]);
  return { records: records.length, pending: pending.length, stats };
}

/** The whole table, for the script. */
export async function runBadInput(cloud: ReliabilityCloud, ledger: SecretLedger): Promise<ScenarioReport> {
  const checks = new Checks('bad input');
  const ctx = await prepareBadInput(cloud, ledger);
  for (const testCase of BAD_INPUT_CASES) {
    const outcome = await runBadInputCase(ctx, testCase);
    checks.check(
      `${testCase.fn}: ${testCase.name} -> ${testCase.code}`,
      outcome.ok,
      outcome.failures.join('; '),
    );
  }
  const stats = await cloud.stats();
  checks.report.quotaSpent = stats.ocrUsed - 1; // the victim's scan is setup, not a case
  return checks.report;
}
