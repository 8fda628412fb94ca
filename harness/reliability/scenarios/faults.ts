import { readConfig } from '../../../src/config';
import { licenceFor } from '../support/licences';
import type { OutputCapture } from '../support/OutputCapture';
import { ReliabilityCloud } from '../support/ReliabilityCloud';
import type { SecretLedger } from '../support/SecretLedger';
import { outcomeOf, scanFile, scanLicence, stagePhoto } from '../support/scan';
import { Checks, mapLimit, type ScenarioReport } from './ScenarioReport';

export interface FaultsSize {
  /** Scans against an upstream failing -1 half the time. */
  flakyScans: number;
  /** Scans against an upstream failing -1 every time. */
  busyScans: number;
  /** Scans against an upstream slower than the function's timeout. */
  slowScans: number;
  concurrency: number;
  /** Function environment; {} runs the production settings from config.json and readConfig(). */
  functionEnv: Record<string, string>;
}

export const FULL_FAULTS: FaultsSize = {
  flakyScans: 100,
  busyScans: 10,
  slowScans: 3,
  concurrency: 8,
  functionEnv: {},
};

/** Scaled down for jest: shorter backoff and attempt timeout so the budget-bound parts finish fast. */
export const SMALL_FAULTS: FaultsSize = {
  flakyScans: 30,
  busyScans: 3,
  slowScans: 2,
  concurrency: 6,
  functionEnv: { OCR_RETRY_BASE_MS: '20', OCR_RETRY_MAX_MS: '200', OCR_ATTEMPT_TIMEOUT_MS: '1500' },
};

/** The function timeout from config.json: an invocation outliving it is killed by the platform. */
const FUNCTION_TIMEOUT_MS = 20_000;
/** Scheduling slack on top of the retry budget before "within the budget" counts as broken. */
const BUDGET_GRACE_MS = 2_000;

/**
 * Upstream faults through the built function: a flaky upstream (every scan still succeeds through
 * bounded retries), a busy one (UPSTREAM_BUSY within the budget), a slow one (UPSTREAM_TIMEOUT
 * before the function's own timeout) and database writes failing after a successful OCR (the
 * result is kept; the retry spends no quota).
 */
export async function runFaults(
  size: FaultsSize,
  capture: OutputCapture,
  ledger: SecretLedger,
): Promise<ScenarioReport> {
  const checks = new Checks('faults');
  const config = readConfig(size.functionEnv);
  const cloud = await ReliabilityCloud.start({
    capture,
    env: size.functionEnv,
    maxInstances: size.concurrency,
  });
  let seed = 2_000;
  let quotaSpent = 0;
  let retries = 0;
  try {
    // 1. -1 at rate 0.5, seeded: every scan ends ok.
    await cloud.fault({ api: 'ocr.driverLicense', errcode: -1, rate: 0.5, seed: 20_240_601 });
    const flaky = await mapLimit(range(size.flakyScans), size.concurrency, (i) =>
      scanLicence(cloud, ledger, `o-flaky-${i % 10}`, seed + i),
    );
    seed += size.flakyScans;
    await cloud.clearFaults();
    const bad = flaky.map(outcomeOf).filter((o) => o !== 'ok');
    checks.check(
      `${size.flakyScans} scans at a 50% busy rate all end ok`,
      bad.length === 0,
      bad.slice(0, 5).join(', '),
    );
    let stats = await cloud.stats();
    const records = await cloud.documents();
    checks.check(
      'every flaky scan saved its record',
      records.length === size.flakyScans,
      `found ${records.length}`,
    );
    checks.check(
      'each flaky scan spent quota once',
      stats.ocrUsed === size.flakyScans,
      `spent ${stats.ocrUsed}`,
    );
    const flakyRetries = stats.ocrCalls - size.flakyScans;
    checks.check('the injected faults fired (retries happened)', flakyRetries > 0, 'no retry');
    checks.note(
      `flaky upstream: ${size.flakyScans} scans, ${flakyRetries} retries, max ${maxMs(flaky)} ms per scan`,
    );
    quotaSpent += stats.ocrUsed;
    retries += flakyRetries;

    // 2. -1 every time: UPSTREAM_BUSY within the budget, nothing spent or saved.
    await cloud.reset();
    await cloud.fault({ api: 'ocr.driverLicense', errcode: -1 });
    const busy = await mapLimit(range(size.busyScans), size.concurrency, (i) =>
      scanLicence(cloud, ledger, `o-busy-${i}`, seed + i),
    );
    seed += size.busyScans;
    await cloud.clearFaults();
    stats = await cloud.stats();
    const notBusy = busy.map(outcomeOf).filter((o) => o !== 'UPSTREAM_BUSY');
    checks.check(
      'an always-busy upstream ends every scan UPSTREAM_BUSY',
      notBusy.length === 0,
      notBusy.join(', '),
    );
    const slowest = maxMs(busy);
    checks.check(
      `UPSTREAM_BUSY comes within the ${config.retry.budgetMs} ms budget`,
      slowest <= config.retry.budgetMs + BUDGET_GRACE_MS,
      `slowest ${slowest} ms`,
    );
    checks.check(
      'a busy upstream spends no quota and saves nothing',
      stats.ocrUsed === 0 && (await cloud.documents()).length === 0,
    );
    const attempts = stats.ocrCalls / Math.max(1, size.busyScans);
    checks.check(
      `attempts stay bounded (<= ${config.retry.maxAttempts} per scan)`,
      attempts <= config.retry.maxAttempts,
      `${attempts}`,
    );
    checks.note(
      `always busy: ${size.busyScans} scans, ${attempts.toFixed(1)} attempts each, slowest ${slowest} ms (budget ${config.retry.budgetMs} ms)`,
    );
    retries += stats.ocrCalls - size.busyScans;

    // 3. The record's insert fails after a successful OCR: the result waits, the retries are free.
    await cloud.reset();
    const caller = 'o-db-fault';
    const warmSeed = seed++;
    const warm = await scanLicence(cloud, ledger, caller, warmSeed); // collections and the caller's counter exist now
    const fileID = await stagePhoto(cloud, ledger, seed, licenceFor(seed), caller);
    seed++;
    // The scan's only insert is the record's (the counter and the kept result are upserts).
    await cloud.fault({ api: 'database.insertDocument', error: 'DATABASE_REQUEST_FAILED', times: 3 });
    const failedSaves = [];
    for (let i = 0; i < 3; i++) failedSaves.push(outcomeOf(await scanFile(cloud, caller, fileID)));
    const retried = await scanFile(cloud, caller, fileID);
    stats = await cloud.stats();
    checks.check(
      'a record insert failing after OCR answers DATABASE_ERROR each time',
      outcomeOf(warm) === 'ok' && failedSaves.every((o) => o === 'DATABASE_ERROR'),
      failedSaves.join(', '),
    );
    checks.check(
      'the retry after the database recovers saves the kept result (created, cached)',
      retried.result?.ok === true && retried.result.created && retried.result.cached,
      JSON.stringify(retried.result).slice(0, 200),
    );
    checks.check(
      'three failed saves and a retry spent quota once',
      stats.ocrUsed === 2,
      `spent ${stats.ocrUsed} for 2 images`,
    );
    checks.check(
      'no pending result is left once saved',
      (await cloud.documents('driver_license_pending')).length === 0,
    );

    // The update of an existing record fails: a new photo of the warm licence. Its modifyDocument
    // calls are the usage counter, the pending copy, then the record's update (the one failed).
    const newPhoto = await stagePhoto(cloud, ledger, seed++, licenceFor(warmSeed), caller);
    await cloud.fault({
      api: 'database.modifyDocument',
      error: 'DATABASE_REQUEST_FAILED',
      after: 2,
      times: 1,
    });
    const failedUpdate = await scanFile(cloud, caller, newPhoto);
    const retriedUpdate = await scanFile(cloud, caller, newPhoto);
    const afterUpdate = await cloud.stats();
    checks.check(
      'a record update failing after OCR answers DATABASE_ERROR',
      outcomeOf(failedUpdate) === 'DATABASE_ERROR',
      outcomeOf(failedUpdate),
    );
    checks.check(
      'its retry updates the record from the kept result, spending no quota',
      retriedUpdate.result?.ok === true &&
        !retriedUpdate.result.created &&
        retriedUpdate.result.cached &&
        warm.result?.ok === true &&
        retriedUpdate.result.id === warm.result.id &&
        afterUpdate.ocrUsed === stats.ocrUsed + 1,
      `${JSON.stringify(retriedUpdate.result).slice(0, 120)}; spent ${afterUpdate.ocrUsed - stats.ocrUsed}`,
    );
    quotaSpent += afterUpdate.ocrUsed;
    // 4. Slower than the function timeout: UPSTREAM_TIMEOUT from the function, not a killed instance.
    // Last, because the abandoned calls still wait in the emulator (closing it cancels them).
    await cloud.fault({
      api: 'ocr.driverLicense',
      delayMs: FUNCTION_TIMEOUT_MS + 5_000,
      times: size.slowScans,
    });
    const slow = await Promise.all(
      range(size.slowScans).map((i) => scanLicence(cloud, ledger, `o-slow-${i}`, seed + i)),
    );
    seed += size.slowScans;
    const notTimeout = slow.map(outcomeOf).filter((o) => o !== 'UPSTREAM_TIMEOUT');
    checks.check(
      'a slow upstream ends in UPSTREAM_TIMEOUT, not a killed function',
      notTimeout.length === 0,
      notTimeout.join(', '),
    );
    checks.note(
      `slow upstream: UPSTREAM_TIMEOUT after ${maxMs(slow)} ms (attempt timeout ${config.attemptTimeoutMs} ms, function timeout ${FUNCTION_TIMEOUT_MS} ms)`,
    );
    await cloud.clearFaults();
  } finally {
    await cloud.close();
  }
  checks.report.quotaSpent = quotaSpent;
  checks.report.retries = retries;
  return checks.report;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function maxMs(invocations: { elapsedMs: number }[]): number {
  return Math.round(Math.max(0, ...invocations.map((i) => i.elapsedMs)));
}
