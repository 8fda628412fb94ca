import { readConfig } from '../../../src/config';
import type { OutputCapture } from '../support/OutputCapture';
import { ReliabilityCloud } from '../support/ReliabilityCloud';
import type { SecretLedger } from '../support/SecretLedger';
import { outcomeOf, scanFile, scanLicence } from '../support/scan';
import { Checks, type ScenarioReport } from './ScenarioReport';

export interface QuotaGuardSize {
  /** Function environment: OCR_DAILY_LIMIT_PER_USER unset runs the production default (20). */
  functionEnv: Record<string, string>;
  /** Concurrent scans fired at once by one fresh caller: more than the limit. */
  burst: number;
}

export const FULL_QUOTA_GUARD: QuotaGuardSize = { functionEnv: {}, burst: 40 };
export const SMALL_QUOTA_GUARD: QuotaGuardSize = {
  functionEnv: { OCR_DAILY_LIMIT_PER_USER: '4' },
  burst: 10,
};

/**
 * The per-caller daily limit: RATE_LIMITED before any WeChat quota is spent, cache hits free, and
 * a burst of concurrent scans from one caller cannot overshoot it.
 */
export async function runQuotaGuard(
  size: QuotaGuardSize,
  capture: OutputCapture,
  ledger: SecretLedger,
): Promise<ScenarioReport> {
  const checks = new Checks('quota guard');
  const limit = readConfig(size.functionEnv).dailyLimitPerUser;
  const cloud = await ReliabilityCloud.start({
    capture,
    env: size.functionEnv,
    maxInstances: Math.min(size.burst, 16),
  });
  let seed = 3_000;
  try {
    // Sequential: `limit` scans pass, the next is refused before the upstream call.
    const caller = 'o-quota-sequential';
    const firsts = [];
    for (let i = 0; i < limit; i++) firsts.push(await scanLicence(cloud, ledger, caller, seed++));
    const repeat = await scanFile(cloud, caller, firsts[0]?.fileID ?? '');
    const before = await cloud.stats();
    const refused = await scanLicence(cloud, ledger, caller, seed++);
    const after = await cloud.stats();
    checks.check(
      `the first ${limit} scans of a caller pass`,
      firsts.every((s) => outcomeOf(s) === 'ok'),
      firsts.map(outcomeOf).join(','),
    );
    checks.check(
      'a repeat of an image is a cache hit, not counted',
      repeat.result?.ok === true && repeat.result.cached,
    );
    checks.check(
      `scan ${limit + 1} answers RATE_LIMITED`,
      outcomeOf(refused) === 'RATE_LIMITED',
      outcomeOf(refused),
    );
    checks.check(
      'RATE_LIMITED spends no WeChat quota and makes no upstream call',
      after.ocrUsed === before.ocrUsed && after.ocrCalls === before.ocrCalls,
      `used ${before.ocrUsed} -> ${after.ocrUsed}, calls ${before.ocrCalls} -> ${after.ocrCalls}`,
    );
    checks.check('quota spent equals the limit', after.ocrUsed === limit, `spent ${after.ocrUsed}`);
    const cachedAtLimit = await scanFile(cloud, caller, firsts[1]?.fileID ?? firsts[0]?.fileID ?? '');
    checks.check(
      'a cache hit still answers at the limit',
      cachedAtLimit.result?.ok === true && cachedAtLimit.result.cached,
    );
    const other = await scanLicence(cloud, ledger, 'o-quota-other', seed++);
    checks.check("one caller's limit does not touch another's", outcomeOf(other) === 'ok', outcomeOf(other));

    // Concurrent: a burst larger than the limit from one fresh caller.
    await cloud.reset();
    const burst = await Promise.all(
      Array.from({ length: size.burst }, (_, i) => scanLicence(cloud, ledger, 'o-quota-burst', seed + i)),
    );
    seed += size.burst;
    const stats = await cloud.stats();
    const passed = burst.filter((s) => outcomeOf(s) === 'ok').length;
    const limited = burst.filter((s) => outcomeOf(s) === 'RATE_LIMITED').length;
    checks.check(
      `${size.burst} concurrent scans of one caller pass exactly ${limit}`,
      passed === limit && limited === size.burst - limit,
      `${passed} ok, ${limited} RATE_LIMITED, others: ${burst
        .map(outcomeOf)
        .filter((o) => o !== 'ok' && o !== 'RATE_LIMITED')
        .join(',')}`,
    );
    checks.check(
      'the burst spends exactly the limit in quota',
      stats.ocrUsed === limit,
      `spent ${stats.ocrUsed}`,
    );
    checks.note(`limit ${limit}/caller/day; burst of ${size.burst}: ${passed} ok, ${limited} RATE_LIMITED`);
    checks.report.quotaSpent = after.ocrUsed + 1 + stats.ocrUsed;
  } finally {
    await cloud.close();
  }
  return checks.report;
}
