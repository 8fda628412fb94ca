import type { DriverLicensesResult, OcrDriverLicenseResult } from '../../../src/api';
import { licenceFor } from '../support/licences';
import type { OutputCapture } from '../support/OutputCapture';
import { type Invocation, ReliabilityCloud } from '../support/ReliabilityCloud';
import type { SecretLedger } from '../support/SecretLedger';
import { outcomeOf, scanFile, stagePhoto } from '../support/scan';
import { Checks, type ScenarioReport } from './ScenarioReport';

export interface CrashSize {
  /** Scans in the burst (distinct callers and licences). */
  scans: number;
  /** SIGKILL the emulator once this many scans were acknowledged. */
  killAfterAcknowledged: number;
  maxInstances: number;
}

export const FULL_CRASH: CrashSize = { scans: 120, killAfterAcknowledged: 40, maxInstances: 16 };
export const SMALL_CRASH: CrashSize = { scans: 24, killAfterAcknowledged: 8, maxInstances: 8 };

/**
 * The emulator (`emulator/cli.ts` in its own process) is killed with SIGKILL in the middle of a
 * burst of scans, then started again on the same data. Every scan the function acknowledged must
 * be there, intact; the rest must fail cleanly (no hang) and succeed when repeated.
 */
export async function runCrashRecovery(
  size: CrashSize,
  capture: OutputCapture,
  ledger: SecretLedger,
): Promise<ScenarioReport> {
  const checks = new Checks('kill -9');
  const cloud = await ReliabilityCloud.start({ capture, mode: 'child', maxInstances: size.maxInstances });
  try {
    const plan = [];
    for (let i = 0; i < size.scans; i++) {
      const fields = licenceFor(6_000 + i);
      const openid = `o-crash-${i % 20}`;
      plan.push({
        openid,
        fields,
        fileID: await stagePhoto(cloud, ledger, 6_000 + i, fields, openid),
      });
    }

    const acknowledged = new Map<number, Extract<OcrDriverLicenseResult, { ok: true }>>();
    let killed: Promise<void> | undefined;
    const burst = await Promise.all(
      plan.map(async (p, i): Promise<Invocation<OcrDriverLicenseResult>> => {
        const outcome = await scanFile(cloud, p.openid, p.fileID);
        if (outcome.result?.ok && !killed) {
          acknowledged.set(i, outcome.result);
          if (acknowledged.size >= size.killAfterAcknowledged) killed = cloud.kill();
        }
        return outcome;
      }),
    );
    await killed;
    const interrupted = burst.map(outcomeOf).filter((o) => o !== 'ok').length;
    checks.check(
      'the emulator was killed mid-burst',
      killed !== undefined && interrupted > 0,
      `${interrupted} interrupted`,
    );
    checks.check(
      'every interrupted scan resolved (no hang, no killed instance)',
      burst.every((b) => b.error === undefined),
    );

    await cloud.restart();
    const docs = await cloud.documents();
    const byId = new Map(docs.map((d) => [String(d._id), d]));
    const missing = [...acknowledged.values()].filter((r) => !byId.has(r.id));
    const altered = [...acknowledged.values()].filter((r) => {
      const doc = byId.get(r.id);
      return doc && JSON.stringify(doc.license) !== JSON.stringify(r.license);
    });
    checks.check(
      `all ${acknowledged.size} acknowledged records survive kill -9`,
      missing.length === 0,
      `${missing.length} missing`,
    );
    checks.check('acknowledged records are intact', altered.length === 0, `${altered.length} altered`);
    const [firstAck] = acknowledged;
    if (firstAck) {
      const [index, result] = firstAck;
      const got = await cloud.invoke<DriverLicensesResult>(
        'driverLicenses',
        { action: 'get', id: result.id },
        plan[index]?.openid ?? '',
      );
      checks.check(
        'the built function reads an acknowledged record after the restart',
        got.result?.ok === true,
      );
    }

    // Everything the crash interrupted succeeds when repeated; nothing ends up twice.
    const repeated = await Promise.all(
      plan.map((p, i) =>
        burst[i]?.result?.ok ? Promise.resolve(burst[i]) : scanFile(cloud, p.openid, p.fileID),
      ),
    );
    const stillFailing = repeated.map((r) => (r ? outcomeOf(r) : 'missing')).filter((o) => o !== 'ok');
    checks.check(
      'every interrupted scan succeeds when repeated',
      stillFailing.length === 0,
      stillFailing.join(', '),
    );
    const after = await cloud.documents();
    const keys = after.map(
      (d) => `${String(d._openid)}|${String((d.license as { idNum?: unknown })?.idNum)}`,
    );
    const duplicates = keys.length - new Set(keys).size;
    checks.check('no duplicate after the repeats', duplicates === 0, `${duplicates}`);
    checks.check(
      'one record per scanned licence',
      new Set(keys).size === size.scans,
      `${new Set(keys).size}`,
    );
    const stats = await cloud.stats();
    checks.note(
      `kill -9 after ${acknowledged.size} acknowledged of ${size.scans}: ${interrupted} interrupted, all repeated ok; quota spent ${stats.ocrUsed} for ${size.scans} images`,
    );
    Object.assign(checks.report, {
      recordsExpected: size.scans,
      recordsFound: new Set(keys).size,
      duplicates,
      quotaSpent: stats.ocrUsed,
    });
  } finally {
    await cloud.close();
  }
  return checks.report;
}
