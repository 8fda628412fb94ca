/**
 * The function's own cost per call: the real handlers run in this process over the real adapters
 * (wx-server-sdk -> emulator), with every port call (storage, database, OCR, usage counter) timed;
 * what is left of the call is ours: event validation, image checks and hashing, DTO normalization,
 * upsert decisions, result mapping, logging. The pure parts are also timed alone, without I/O.
 */
import { createHash } from 'node:crypto';
import { createCloudRuntime } from '../../src/adapters/createCloudRuntime';
import { readConfig } from '../../src/config';
import { parseOcrEvent } from '../../src/domain/parseOcrEvent';
import { toDriverLicense } from '../../src/domain/toDriverLicense';
import { newUploadPath } from '../../src/domain/uploadPath';
import { handleDriverLicenses } from '../../src/handlers/handleDriverLicenses';
import { handleOcrDriverLicense } from '../../src/handlers/handleOcrDriverLicense';
import { createLogger } from '../../src/log';
import { checkImage } from '../../src/service/checkImage';
import type { BenchCloud, LicenseFixture } from './benchCloud';
import { type Summary, since, summarize } from './stats';

export interface OverheadFigures {
  scenario: string;
  totalMs: Summary;
  /** Time inside port calls (network to the emulator and the emulator's work). */
  networkMs: Summary;
  /** Total minus network: the function's own work. */
  ownMs: Summary;
  portCallsPerRequest: number;
}

export interface PureFigures {
  what: string;
  ms: Summary;
}

/** Wraps every method of a port so the time spent inside it adds up in `clock`. */
function timed<T extends object>(port: T, clock: { ms: number; calls: number }): T {
  return new Proxy(port, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const started = performance.now();
        clock.calls++;
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          clock.ms += since(started);
        }
      };
    },
  });
}

export async function benchOverhead(
  cloud: BenchCloud,
  fixture: LicenseFixture,
  options: { runs: number },
): Promise<OverheadFigures[]> {
  // Every image gets the fixture's true fields at once: the OCR engine's time is not the function's.
  cloud.emulator.setRecognizer({ recognize: async () => ({ errcode: 0, fields: fixture.fields }) });
  const config = readConfig({});
  const clock = { ms: 0, calls: 0 };
  const base = createCloudRuntime(cloud.sdk, config, 'bench');
  const runtime = {
    ...base,
    log: createLogger('bench', () => undefined),
    repository: timed(base.repository, clock),
    images: timed(base.images, clock),
    ocr: timed(base.ocr, clock),
    limiter: timed(base.limiter, clock),
  };
  let caller = 0;
  const cachedFileID = await cloud.stage(fixture.bytes, 'bench-overhead-cached');
  let freshFileID = '';
  const scenarios: {
    scenario: string;
    /** Untimed preparation; returns the caller. */
    prepare: () => Promise<string>;
    call: () => Promise<{ ok: boolean }>;
  }[] = [
    {
      scenario: 'ocrDriverLicense, cached image',
      prepare: async () => 'bench-overhead-cached',
      call: () => handleOcrDriverLicense({ fileID: cachedFileID }, runtime, config),
    },
    {
      scenario: 'ocrDriverLicense, new image (OCR + upsert)',
      prepare: async () => {
        const openid = `bench-overhead-${caller++}`;
        freshFileID = await cloud.stage(fixture.bytes, openid);
        return openid;
      },
      call: () => handleOcrDriverLicense({ fileID: freshFileID }, runtime, config),
    },
    {
      scenario: 'driverLicenses list',
      prepare: async () => 'bench-overhead-cached',
      call: () => handleDriverLicenses({ action: 'list' }, runtime),
    },
  ];

  const figures: OverheadFigures[] = [];
  for (const { scenario, prepare, call } of scenarios) {
    const total: number[] = [];
    const network: number[] = [];
    let calls = 0;
    // One untimed call first: creates collections and the cached record, warms the code paths.
    for (let i = -1; i < options.runs; i++) {
      // getWXContext() reads the caller from the environment, as in the cloud.
      process.env.WX_OPENID = await prepare();
      clock.ms = 0;
      clock.calls = 0;
      const started = performance.now();
      const result = await call();
      const elapsed = since(started);
      if (!result.ok) throw new Error(`${scenario}: ${JSON.stringify(result)}`);
      if (i < 0) continue;
      total.push(elapsed);
      network.push(clock.ms);
      calls = clock.calls;
    }
    figures.push({
      scenario,
      totalMs: summarize(total),
      networkMs: summarize(network),
      ownMs: summarize(total.map((t, i) => t - network[i]!)),
      portCallsPerRequest: calls,
    });
  }
  return figures;
}

/** The pure steps of a new-image call, without any I/O, on the fixture photo. */
export function benchPureParts(fixture: LicenseFixture, runs: number): PureFigures[] {
  const ctx = { envId: 'bench-env', openid: 'bench-pure' };
  const event = { fileID: `cloud://bench-env.6265-bench/${newUploadPath(ctx.openid, 'jpg')}`, userInfo: {} };
  const raw = { ...fixture.fields };
  const steps: [string, () => unknown][] = [
    ['validate event', () => parseOcrEvent(event, ctx)],
    ['check image (type, size, dimensions)', () => checkImage(fixture.bytes)],
    [
      `sha256 of the ${(fixture.bytes.length / 1024).toFixed(0)} KiB photo`,
      () => createHash('sha256').update(fixture.bytes).digest('hex'),
    ],
    ['toDriverLicense (normalize + warnings)', () => toDriverLicense(raw)],
  ];
  const parsed = parseOcrEvent(event, ctx);
  if (!parsed.success) throw new Error(`the benchmark's event is invalid: ${parsed.error.message}`);
  return steps.map(([what, step]) => {
    for (let i = 0; i < 20; i++) step(); // let the JIT settle
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      step();
      samples.push(since(started));
    }
    return { what, ms: summarize(samples) };
  });
}
