import type { DriverLicensesResult } from '../../../src/api';
import { licenceFor } from '../support/licences';
import type { OutputCapture } from '../support/OutputCapture';
import { ReliabilityCloud } from '../support/ReliabilityCloud';
import type { SecretLedger } from '../support/SecretLedger';
import { outcomeOf, scanFile, scanLicence, stagePhoto } from '../support/scan';
import { stampedPhoto } from '../support/stampedPhoto';
import { Checks, type ScenarioReport } from './ScenarioReport';

/** Exactly what a stored document may hold: the feature's data, the owner, the cache key, timestamps. */
export const STORED_KEYS = {
  driver_licenses: [
    '_id',
    '_openid',
    'createdAt',
    'fileID',
    'imageSha256',
    'license',
    'updatedAt',
    'warnings',
  ],
  driver_license_pending: ['_id', '_openid', 'createdAt', 'license', 'warnings'],
  driver_license_ocr_usage: ['_id', '_openid', 'count', 'day'],
} as const;
export const LICENSE_KEYS = [
  'address',
  'birthDate',
  'carClass',
  'idNum',
  'issueDate',
  'name',
  'nationality',
  'officialSeal',
  'sex',
  'validFrom',
  'validPeriodRaw',
  'validTo',
];

/**
 * Drives every path that handles licence data (success, cache, pending retry, refusals, database
 * and storage faults, a database error quoting the licence number as CloudBase's real E11000 does,
 * delete) and then checks what is stored and what was said. The leak search itself runs over the
 * capture by the caller, so the script can search a whole run.
 */
export async function runPrivacy(capture: OutputCapture, ledger: SecretLedger): Promise<ScenarioReport> {
  const checks = new Checks('privacy');
  const cloud = await ReliabilityCloud.start({ capture });
  const owner = 'o-privacy-owner';
  let seed = 7_000;
  try {
    const first = await scanLicence(cloud, ledger, owner, seed++);
    await scanFile(cloud, owner, first.fileID); // cache hit
    const long = licenceFor(seed, {
      name: '阿依古丽·买买提',
      address: '新疆维吾尔自治区乌鲁木齐市天山区解放南路388号',
    });
    const longFile = await stagePhoto(cloud, ledger, seed++, long, owner);
    await scanFile(cloud, owner, longFile);

    // Faults while licence data is in flight: update, insert, pending, download.
    await cloud.fault({ api: 'database.modifyDocument', error: 'DATABASE_REQUEST_FAILED', times: 3 });
    await scanLicence(cloud, ledger, owner, seed++);
    await cloud.clearFaults();
    const quoted = licenceFor(seed);
    const quotedFile = await stagePhoto(cloud, ledger, seed++, quoted, owner);
    // CloudBase relays MongoDB's duplicate-key text unmasked: the licence number in the error message.
    await cloud.fault({
      api: 'database.insertDocument',
      error: 'DATABASE_REQUEST_FAILED',
      message: `[FailedOperation] E11000 duplicate key error collection: driver_licenses index: openid_idNum_unique dup key: { _openid: "${owner}", license.idNum: "${quoted.id_num}" }`,
    });
    const quotedFailure = await scanFile(cloud, owner, quotedFile); // every round of its upsert fails
    await cloud.clearFaults();
    checks.check(
      'a database error quoting the number answers DATABASE_ERROR',
      outcomeOf(quotedFailure) === 'DATABASE_ERROR',
      outcomeOf(quotedFailure),
    );
    const quotedRetry = await scanFile(cloud, owner, quotedFile); // pending hit
    checks.check(
      'its retry saves the kept result',
      quotedRetry.result?.ok === true && quotedRetry.result.cached,
    );
    await cloud.fault({ api: 'storage.batchGetDownloadUrl', error: 'STORAGE_REQUEST_FAIL', times: 1 });
    await scanLicence(cloud, ledger, owner, seed++);
    const notLicence = await cloud.upload(await stampedPhoto(seed++, null), owner);
    await scanFile(cloud, owner, notLicence);
    await cloud.fault({
      api: 'ocr.driverLicense',
      errcode: 999_999,
      message: 'unexpected upstream answer',
      times: 1,
    });
    await scanLicence(cloud, ledger, owner, seed++);

    // Stored documents hold exactly the keys the feature needs.
    for (const [collection, keys] of Object.entries(STORED_KEYS)) {
      const docs = await cloud.documents(collection);
      const extra = docs
        .map((d) => Object.keys(d).sort().join(','))
        .filter((k) => k !== [...keys].sort().join(','));
      checks.check(
        `${collection} documents carry exactly ${keys.join(', ')}`,
        extra.length === 0,
        extra[0] ?? '',
      );
    }
    const licences = await cloud.documents();
    checks.check(
      'a stored licence carries exactly the DTO fields',
      licences.length > 0 &&
        licences.every(
          (d) =>
            Object.keys(d.license as object)
              .sort()
              .join(',') === LICENSE_KEYS.join(','),
        ),
    );

    // Delete: the record, its image, its pending copy; another photo of the same licence too.
    const second = await stagePhoto(cloud, ledger, seed++, licenceFor(7_000), owner);
    const resaved = await scanFile(cloud, owner, second);
    const id = resaved.result?.ok ? resaved.result.id : '';
    const deleted = await cloud.invoke<DriverLicensesResult>(
      'driverLicenses',
      { action: 'delete', id },
      owner,
    );
    checks.check('delete answers deleted', deleted.result?.ok === true);
    const gone = await cloud.invoke<DriverLicensesResult>('driverLicenses', { action: 'get', id }, owner);
    checks.check('the deleted record is gone', gone.result?.ok === false && gone.result.code === 'NOT_FOUND');
    checks.check(
      'the record is gone from the database',
      !(await cloud.documents()).some((d) => d._id === id),
    );
    checks.check('its image is gone from storage', !(await cloud.fileExists(second)));
    checks.check(
      'the earlier photo of the same licence is gone from storage',
      !(await cloud.fileExists(first.fileID)),
    );
    const pendingLeft = (await cloud.documents('driver_license_pending')).length;
    checks.check('no pending copy of any licence is left', pendingLeft === 0, `${pendingLeft} left`);
  } finally {
    await cloud.close();
  }
  return checks.report;
}

/** The leak check over everything captured, as one report row. */
export function leakReport(capture: OutputCapture, ledger: SecretLedger): ScenarioReport {
  const checks = new Checks('privacy: output search');
  const leaks = ledger.findLeaks(capture.lines);
  const sources = new Set(capture.lines.map((l) => l.source));
  checks.check(
    `no full number, name or address in ${capture.lines.length} captured lines (${[...sources].sort().join(', ')})`,
    leaks.length === 0,
    leaks
      .slice(0, 3)
      .map((l) => `${l.source}: ${l.excerpt}`)
      .join(' | '),
  );
  checks.note(`searched ${capture.lines.length} lines for ${ledger.size} secret fragments`);
  return checks.report;
}
