/** The stdout tables of `npm run bench`, one per figure, from the same objects results.json holds. */
import type { ColdStartFigures } from './benchColdStart';
import type { InvocationFigures } from './benchInvocations';
import type { OcrFigures } from './benchLocalOcr';
import type { OverheadFigures, PureFigures } from './benchOverhead';
import { QUERY_COLLECTION_SIZE, type ThroughputFigures } from './benchThroughput';
import { formatTable, ms, ratio } from './table';

export interface Check {
  target: string;
  measured: string;
  met: boolean;
}

export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(0)} kB`;

export function bundleTable(
  bundles: Record<string, { bytes: number; untrimmedBytes: number }>,
  targetBytes: number,
): string {
  return formatTable(
    ['bundle (minified)', 'ours', 'untrimmed', 'target'],
    Object.entries(bundles).map(([name, b]) => [name, kb(b.bytes), kb(b.untrimmedBytes), kb(targetBytes)]),
  );
}

export function coldStartTable(figures: readonly ColdStartFigures[], baseline: ColdStartFigures): string {
  return formatTable(
    ['cold start: process start -> main exported', 'median', 'p95', 'CPU median', 'vs baseline'],
    figures.map((f) => [
      f.label,
      ms(f.readyMs.median),
      ms(f.readyMs.p95),
      ms(f.cpuMs.median),
      ratio(f.readyMs.median / baseline.readyMs.median),
    ]),
  );
}

export function invocationTable(figures: readonly InvocationFigures[]): string {
  const rows = (f: InvocationFigures) => [
    [`${f.label}: cached, first call`, ms(f.cached.first.median), ms(f.cached.first.p95)],
    [`${f.label}: cached, warm`, ms(f.cached.warm.median), ms(f.cached.warm.p95)],
    ...(f.uncached
      ? [
          [`${f.label}: local OCR, first call`, ms(f.uncached.first.median), ms(f.uncached.first.p95)],
          [`${f.label}: local OCR, warm`, ms(f.uncached.warm.median), ms(f.uncached.warm.p95)],
        ]
      : []),
  ];
  return formatTable(['invocation through the emulator', 'median', 'p95'], figures.flatMap(rows));
}

export function overheadTables(figures: readonly OverheadFigures[], pure: readonly PureFigures[]): string[] {
  return [
    formatTable(
      ['own overhead per call (ms)', 'own median', 'own p95', 'network median', 'port calls'],
      figures.map((f) => [
        f.scenario,
        ms(f.ownMs.median),
        ms(f.ownMs.p95),
        ms(f.networkMs.median),
        String(f.portCallsPerRequest),
      ]),
    ),
    formatTable(
      ['pure steps, no I/O', 'median', 'p95'],
      pure.map((p) => [p.what, ms(p.ms.median), ms(p.ms.p95)]),
    ),
  ];
}

export function throughputTable(figures: readonly ThroughputFigures[]): string {
  return formatTable(
    ['emulator via wx-server-sdk', 'inserts/s', `queries/s (${QUERY_COLLECTION_SIZE} docs)`],
    figures.map((f) => [
      `${f.clients} client${f.clients > 1 ? 's' : ''}`,
      String(f.insertsPerSecond),
      String(f.queriesPerSecond),
    ]),
  );
}

export function ocrTable(figures: OcrFigures): string {
  return formatTable(
    ['local OCR engine', 'value'],
    [
      ['photos', String(figures.photos)],
      ['first call (engine start + 1 photo)', ms(figures.firstCallMs)],
      ['latency median', ms(figures.latencyMs.median)],
      ['latency p95', ms(figures.latencyMs.p95)],
      ['fields right', `${(figures.fieldAccuracy * 100).toFixed(1)} %`],
      ['photos entirely right', `${figures.photosAllRight} / ${figures.photos}`],
      ['negatives rejected', `${figures.negativesRejected} / ${figures.negatives}`],
    ],
  );
}

export function checksTable(checks: readonly Check[]): string {
  return formatTable(
    ['target', 'measured', 'met'],
    checks.map((c) => [c.target, c.measured, c.met ? 'yes' : 'NO']),
  );
}
