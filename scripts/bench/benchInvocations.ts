/**
 * Invocations through the emulator's function host (built bundle in a worker, real wx-server-sdk,
 * emulator over loopback): the first call of a fresh instance and warm calls after it, for an image
 * the caller already had recognized (cached: no OCR) and for a new one (the local OCR engine runs).
 * Every variant (our bundle, the same code with the SDK from node_modules) alternates round by round.
 */
import { FunctionHost } from '../../emulator/functions/FunctionHost';
import type { OcrDriverLicenseResult } from '../../src/api';
import type { BenchCloud } from './benchCloud';
import { type Summary, since, summarize } from './stats';

export interface FunctionVariant {
  label: string;
  functionsDir: string;
  /** Measure the (slow) OCR path too; default true. */
  ocr?: boolean;
}

export interface InvocationFigures {
  label: string;
  cached: { first: Summary; warm: Summary };
  /** null when the variant was measured on the cached path only. */
  uncached: { first: Summary; warm: Summary } | null;
  /** Calls whose result was not `ok` (timed like the others: a caller waits for them too). */
  failedCalls: number;
  /** Their distinct codes and messages. */
  failures: string[];
}

const FUNCTION = 'ocrDriverLicense';

async function timedInvoke(
  host: FunctionHost,
  event: Record<string, unknown>,
  openid: string,
  failures: string[],
): Promise<{ ms: number; result: OcrDriverLicenseResult }> {
  const started = performance.now();
  const result = (await host.invoke(FUNCTION, event, { openid })) as OcrDriverLicenseResult;
  const ms = since(started);
  if (!result.ok) failures.push(`${result.code}: ${result.message}`);
  return { ms, result };
}

export async function benchInvocations(
  cloud: BenchCloud,
  photo: Buffer,
  variants: readonly FunctionVariant[],
  options: { runs: number; ocrRuns: number; warmCalls: number },
): Promise<InvocationFigures[]> {
  const hostFor = (variant: FunctionVariant) =>
    new FunctionHost({
      functionsDir: variant.functionsDir,
      sdkEnv: (identity) => cloud.emulator.sdkEnv(identity),
      onLog: () => undefined,
      maxInstances: 1,
    });
  const samples = variants.map(() => ({
    cachedFirst: [] as number[],
    cachedWarm: [] as number[],
    uncachedFirst: [] as number[],
    uncachedWarm: [] as number[],
    failures: [] as string[],
  }));

  // Recognize the image once for the cached caller; this also starts the OCR engine, whose model
  // loading is the emulator's cost, not the function's.
  const fileID = await cloud.stage(photo, 'bench-cached');
  const seedHost = hostFor(variants[0]!);
  try {
    const seed = await timedInvoke(seedHost, { fileID }, 'bench-cached', []);
    if (!seed.result.ok) throw new Error(`seeding the cached record failed: ${seed.result.code}`);
  } finally {
    await seedHost.close();
  }

  let caller = 0;
  const rounds = Math.max(options.runs, options.ocrRuns);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const index = (round + k) % variants.length;
      const bucket = samples[index]!;
      if (round < options.runs) {
        const host = hostFor(variants[index]!);
        try {
          bucket.cachedFirst.push((await timedInvoke(host, { fileID }, 'bench-cached', bucket.failures)).ms);
          for (let w = 0; w < options.warmCalls; w++) {
            bucket.cachedWarm.push((await timedInvoke(host, { fileID }, 'bench-cached', bucket.failures)).ms);
          }
        } finally {
          await host.close();
        }
      }
      if (round < options.ocrRuns && variants[index]!.ocr !== false) {
        // A caller who never sent this image: no cached result, so the function calls OCR.
        const host = hostFor(variants[index]!);
        try {
          const firstCaller = `bench-new-${index}-${caller++}`;
          const first = await cloud.stage(photo, firstCaller);
          bucket.uncachedFirst.push(
            (await timedInvoke(host, { fileID: first }, firstCaller, bucket.failures)).ms,
          );
          const secondCaller = `bench-new-${index}-${caller++}`;
          const second = await cloud.stage(photo, secondCaller);
          bucket.uncachedWarm.push(
            (await timedInvoke(host, { fileID: second }, secondCaller, bucket.failures)).ms,
          );
        } finally {
          await host.close();
        }
      }
    }
  }
  return variants.map((variant, index) => {
    const bucket = samples[index]!;
    return {
      label: variant.label,
      cached: { first: summarize(bucket.cachedFirst), warm: summarize(bucket.cachedWarm) },
      uncached:
        bucket.uncachedFirst.length > 0
          ? { first: summarize(bucket.uncachedFirst), warm: summarize(bucket.uncachedWarm) }
          : null,
      failedCalls: bucket.failures.length,
      failures: [...new Set(bucket.failures)],
    };
  });
}
