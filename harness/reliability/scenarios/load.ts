import { percentile } from '../../../scripts/bench/stats';
import type { DriverLicensesResult, OcrDriverLicenseResult } from '../../../src/api';
import { licenceFor } from '../support/licences';
import type { OutputCapture } from '../support/OutputCapture';
import { type Invocation, ReliabilityCloud } from '../support/ReliabilityCloud';
import type { SecretLedger } from '../support/SecretLedger';
import { outcomeOf, scanFile, stagePhoto } from '../support/scan';
import { Checks, maxMb, type ScenarioReport } from './ScenarioReport';

export interface LoadSize {
  callers: number;
  /** Invocations in all; each caller gets invocations / callers (4 at least). */
  invocations: number;
  /** Function instances (workers) running at once. */
  maxInstances: number;
  /** The emulator's peak resident memory must stay under this. */
  maxEmulatorRssMb: number;
}

export const FULL_LOAD: LoadSize = { callers: 50, invocations: 200, maxInstances: 16, maxEmulatorRssMb: 400 };
export const SMALL_LOAD: LoadSize = { callers: 10, invocations: 40, maxInstances: 8, maxEmulatorRssMb: 400 };

interface Planned {
  openid: string;
  idNum: string;
  fileID: string;
}

/**
 * Every invocation at once against one emulator (its own process, so its memory is measured
 * alone). Each caller scans two licences: the first from several different photos (the upsert
 * race), the second twice from the same photo (the cache race). Afterwards there must be exactly
 * one record per caller and licence, none lost, none doubled.
 */
export async function runLoad(
  size: LoadSize,
  capture: OutputCapture,
  ledger: SecretLedger,
): Promise<ScenarioReport> {
  const checks = new Checks('load');
  const cloud = await ReliabilityCloud.start({ capture, mode: 'child', maxInstances: size.maxInstances });
  const samples: (number | undefined)[] = [];
  let sampler: NodeJS.Timeout | undefined;
  try {
    // Licences read without a number are kept apart by name, under the production indexes too.
    const numberless = [];
    for (const seed of [4_900, 4_901]) {
      const fileID = await stagePhoto(
        cloud,
        ledger,
        seed,
        licenceFor(seed, { id_num: '' }),
        'o-load-numberless',
      );
      numberless.push(outcomeOf(await scanFile(cloud, 'o-load-numberless', fileID)));
    }
    checks.check(
      'two licences read without a number are two records',
      numberless.every((o) => o === 'ok'),
      numberless.join(', '),
    );
    const numberlessRecords = (await cloud.documents()).length;
    checks.check(
      'the number-less licences left exactly two records',
      numberlessRecords === 2,
      `${numberlessRecords}`,
    );

    const plan = await planScans(cloud, ledger, size);
    const expected = new Set(plan.map((p) => `${p.openid}|${p.idNum}`));
    const baseline = cloud.childMemoryMb();
    sampler = setInterval(() => samples.push(cloud.childMemoryMb()?.rss), 100);

    const burst = await Promise.all(plan.map((p) => scanFile(cloud, p.openid, p.fileID)));

    clearInterval(sampler);
    const memory = cloud.childMemoryMb();
    // On a starved machine an instance can outlive the 20 s platform timeout and be killed, as in
    // the cloud. The client repeats such a call once; what must never happen is a wrong answer.
    const killed = (b: Invocation<OcrDriverLicenseResult>) => b.error?.includes('timed out') === true;
    const timedOut = burst.filter(killed).length;
    const results = await Promise.all(
      burst.map((b, i) => (killed(b) ? scanFile(cloud, plan[i]?.openid ?? '', plan[i]?.fileID ?? '') : b)),
    );
    const failed = results.map(outcomeOf).filter((o) => o !== 'ok');
    checks.check(
      `${plan.length} concurrent scans from ${size.callers} callers all end ok (killed ones repeated once)`,
      failed.length === 0,
      summarize(failed),
    );
    const acknowledged = burst.flatMap((b) => (b.result?.ok ? [b.result.id] : []));

    const docs = (await cloud.documents()).filter((d) => d._openid !== 'o-load-numberless');
    const keys = docs.map((d) => `${String(d._openid)}|${String((d.license as { idNum?: unknown })?.idNum)}`);
    const found = new Set(keys);
    const duplicates = keys.length - found.size;
    const lost = [...expected].filter((key) => !found.has(key));
    const unexpected = [...found].filter((key) => !expected.has(key));
    const ids = new Set(docs.map((d) => String(d._id)));
    checks.check(
      'no acknowledged write lost',
      acknowledged.every((id) => ids.has(id)),
    );
    checks.check('no record lost', lost.length === 0, `${lost.length} missing`);
    checks.check('no duplicate per caller and licence', duplicates === 0, `${duplicates} duplicates`);
    checks.check('no unexpected record', unexpected.length === 0, `${unexpected.length} unexpected`);
    checks.check('scans of one licence by one caller answer one id', sameIdPerLicence(plan, results));

    const lists = await Promise.all(
      [...new Set(plan.map((p) => p.openid))]
        .slice(0, 5)
        .map((openid) => cloud.invoke<DriverLicensesResult>('driverLicenses', { action: 'list' }, openid)),
    );
    checks.check(
      'each caller lists exactly its own two records',
      lists.every((l) => l.result?.ok === true && l.result.action === 'list' && l.result.total === 2),
    );

    const peak = memory?.peak;
    checks.check(
      `emulator memory stays under ${size.maxEmulatorRssMb} MB`,
      peak === undefined || peak < size.maxEmulatorRssMb,
      `peak ${peak?.toFixed(0)} MB`,
    );
    const stats = await cloud.stats();
    const distinctImages = new Set(plan.map((p) => `${p.openid}|${p.fileID}`)).size + numberless.length;
    // The number-less scans before the burst are invocations too. A killed instance may have spent
    // its call before it died; its repeat is an invocation too.
    const invocations = numberless.length + plan.length + timedOut;
    checks.check(
      'quota spent at most once per invocation and at least once per distinct image',
      stats.ocrUsed <= invocations && stats.ocrUsed >= distinctImages,
      `spent ${stats.ocrUsed} for ${numberless.length} + ${plan.length} invocations + ${timedOut} repeated`,
    );
    const elapsed = burst.map((r) => r.elapsedMs);
    checks.note(
      `load: ${plan.length} invocations, ${size.maxInstances} instances, p50 ${Math.round(percentile(elapsed, 50))} ms, max ${Math.round(percentile(elapsed, 100))} ms (queueing included), ${timedOut} killed at the 20 s timeout and repeated; emulator RSS ${baseline?.rss.toFixed(0)} MB before, peak ${peak?.toFixed(0)} MB`,
    );
    Object.assign(checks.report, {
      recordsExpected: expected.size,
      recordsFound: found.size,
      duplicates,
      quotaSpent: stats.ocrUsed,
      retries: stats.ocrCalls - stats.ocrUsed,
      maxRssMb: maxMb([peak, ...samples]),
    });
  } finally {
    clearInterval(sampler);
    await cloud.close();
  }
  return checks.report;
}

async function planScans(cloud: ReliabilityCloud, ledger: SecretLedger, size: LoadSize): Promise<Planned[]> {
  const perCaller = Math.max(4, Math.round(size.invocations / size.callers));
  const plan: Planned[] = [];
  for (let c = 0; c < size.callers; c++) {
    const openid = `o-load-${c}`;
    // Licences shared across callers (caller c and c+1 hold the same two), so records must stay apart per caller.
    const first = licenceFor(4_000 + (c >> 1));
    const second = licenceFor(4_500 + (c >> 1));
    const samePhoto = await stagePhoto(cloud, ledger, 50_000 + c, second, openid);
    for (let i = 0; i < perCaller; i++) {
      if (i % 2 === 0) {
        const fileID = await stagePhoto(cloud, ledger, 10_000 + c * 100 + i, first, openid);
        plan.push({ openid, idNum: first.id_num, fileID });
      } else {
        plan.push({ openid, idNum: second.id_num, fileID: samePhoto });
      }
    }
  }
  return plan;
}

function sameIdPerLicence(plan: Planned[], results: Invocation<OcrDriverLicenseResult>[]): boolean {
  const ids = new Map<string, string>();
  return plan.every((p, i) => {
    const result = results[i]?.result;
    if (!result?.ok) return true; // counted as a failed scan already
    const key = `${p.openid}|${p.idNum}`;
    const seen = ids.get(key) ?? result.id;
    ids.set(key, seen);
    return seen === result.id;
  });
}

function summarize(outcomes: string[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
  return [...counts].map(([o, n]) => `${n}x ${o}`).join(', ');
}
