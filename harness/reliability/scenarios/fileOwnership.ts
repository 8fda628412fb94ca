import type { DriverLicensesResult } from '../../../src/api';
import { licenceFor } from '../support/licences';
import type { OutputCapture } from '../support/OutputCapture';
import { ReliabilityCloud } from '../support/ReliabilityCloud';
import type { SecretLedger } from '../support/SecretLedger';
import { outcomeOf, scanFile, stagePhoto } from '../support/scan';
import { Checks, type ScenarioReport } from './ScenarioReport';

export interface OwnershipSize {
  /** Trials of concurrent scans of one licence from several photos, each followed by a delete. */
  raceTrials: number;
  photosPerTrial: number;
  /** Scans of fileIDs that were never uploaded. */
  madeUpScans: number;
}

export const FULL_OWNERSHIP: OwnershipSize = { raceTrials: 10, photosPerTrial: 4, madeUpScans: 50 };
export const SMALL_OWNERSHIP: OwnershipSize = { raceTrials: 3, photosPerTrial: 4, madeUpScans: 10 };

const COLLECTIONS = [
  'driver_licenses',
  'driver_license_pending',
  'driver_license_ocr_usage',
  'driver_license_files',
];

/**
 * Files are owned by path. Three findings of the review, each tried at size:
 * - lost races: concurrent scans of one licence from several photos, then a delete, must leave
 *   none of the photos behind;
 * - claims before downloads: scans of made-up fileIDs must write nothing at all;
 * - first scanner owns the file: another caller scanning (and then deleting) must neither read
 *   the victim's photo nor have the function delete it.
 */
export async function runFileOwnership(
  size: OwnershipSize,
  capture: OutputCapture,
  ledger: SecretLedger,
): Promise<ScenarioReport> {
  const checks = new Checks('file ownership');
  const cloud = await ReliabilityCloud.start({ capture, maxInstances: size.photosPerTrial });
  try {
    let left = 0;
    let trialsLeavingPhotos = 0;
    let failedScans = 0;
    for (let trial = 0; trial < size.raceTrials; trial++) {
      const openid = `o-race-${trial}`;
      const fields = licenceFor(8_000 + trial);
      const photos = await Promise.all(
        Array.from({ length: size.photosPerTrial }, (_, p) =>
          stagePhoto(cloud, ledger, 80_000 + trial * 10 + p, fields, openid),
        ),
      );
      const scans = await Promise.all(photos.map((fileID) => scanFile(cloud, openid, fileID)));
      failedScans += scans.filter((s) => outcomeOf(s) !== 'ok').length;
      const id = scans.find((s) => s.result?.ok)?.result;
      if (id?.ok)
        await cloud.invoke<DriverLicensesResult>('driverLicenses', { action: 'delete', id: id.id }, openid);
      const remaining = (await Promise.all(photos.map((fileID) => cloud.fileExists(fileID)))).filter(
        Boolean,
      ).length;
      left += remaining;
      if (remaining > 0) trialsLeavingPhotos++;
    }
    checks.check(
      `${size.raceTrials} races of ${size.photosPerTrial} scans of one licence all succeed`,
      failedScans === 0,
      `${failedScans} failed`,
    );
    checks.check(
      'no photo survives the deletion of its record',
      left === 0,
      `${left} photos left in ${trialsLeavingPhotos} trials`,
    );
    checks.note(
      `lost races: ${size.raceTrials} trials of ${size.photosPerTrial} concurrent scans of one licence, then delete: ${left} photos left behind (${trialsLeavingPhotos} trials)`,
    );

    const before = await countDocuments(cloud);
    const realFile = await stagePhoto(cloud, ledger, 88_000, licenceFor(8_800), 'o-made-up');
    const madeUp = await Promise.all(
      Array.from({ length: size.madeUpScans }, (_, i) =>
        scanFile(cloud, 'o-made-up', realFile.replace(/[^/]+$/, `never-uploaded-${i}.jpg`)),
      ),
    );
    const wrote = (await countDocuments(cloud)) - before;
    checks.check(
      `${size.madeUpScans} scans of never-uploaded fileIDs answer NOT_FOUND`,
      madeUp.every((s) => outcomeOf(s) === 'NOT_FOUND'),
      [...new Set(madeUp.map(outcomeOf))].join(', '),
    );
    checks.check('and write no document at all', wrote === 0, `${wrote} documents written`);

    const victim = 'o-victim';
    const victimFile = await stagePhoto(cloud, ledger, 88_001, licenceFor(8_801), victim);
    const early = await scanFile(cloud, 'o-attacker', victimFile); // before the owner scans it
    const victimScan = await scanFile(cloud, victim, victimFile);
    const late = await scanFile(cloud, 'o-attacker', victimFile);
    const attackerList = await cloud.invoke<DriverLicensesResult>(
      'driverLicenses',
      { action: 'list' },
      'o-attacker',
    );
    checks.check(
      "another caller's scans of a victim's fileID are refused by path, before and after the owner's",
      outcomeOf(early) === 'INVALID_ARGUMENT' && outcomeOf(late) === 'INVALID_ARGUMENT',
      `${outcomeOf(early)}, ${outcomeOf(late)}`,
    );
    checks.check(
      'the attacker holds no record to delete, and the victim keeps record and photo',
      attackerList.result?.ok === true &&
        attackerList.result.action === 'list' &&
        attackerList.result.total === 0 &&
        outcomeOf(victimScan) === 'ok' &&
        (await cloud.fileExists(victimFile)),
    );
  } finally {
    await cloud.close();
  }
  return checks.report;
}

async function countDocuments(cloud: ReliabilityCloud): Promise<number> {
  let total = 0;
  for (const name of COLLECTIONS) total += (await cloud.documents(name)).length;
  return total;
}
