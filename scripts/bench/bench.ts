/**
 * `npm run bench -- [options]`: every figure next to its baseline, measured in the same run: cold
 * start of our bundles against the common sample (wx-server-sdk from node_modules) and against our
 * bundle untrimmed; invocations of our bundle against the same code with the SDK from node_modules;
 * the function's own time against the network time of the same calls; 8 clients against 1; OCR
 * against the fixtures' truth. Builds when stale; writes scripts/bench/results.json.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfStale, FUNCTIONS_DIR, functionNames } from '../build';
import { BUNDLE_BUDGET_BYTES, TARGET_BYTES } from '../esbuild/bundleBudget';
import { type ParsedOptions, runCommand, UsageError } from '../lib/commandLine';
import { progress } from '../lib/progress';
import { DEFAULT_FIXTURE, readFixture, startBenchCloud } from './benchCloud';
import { benchColdStart, type ColdStartFigures, type Contender } from './benchColdStart';
import { benchInvocations } from './benchInvocations';
import { benchLocalOcr, type OcrFigures } from './benchLocalOcr';
import { benchOverhead, benchPureParts, type OverheadFigures, type PureFigures } from './benchOverhead';
import { benchThroughput, type ThroughputFigures } from './benchThroughput';
import { createComparisonBuilds } from './createComparisonBuilds';
import {
  bundleTable,
  type Check,
  checksTable,
  coldStartTable,
  invocationTable,
  kb,
  ocrTable,
  overheadTables,
  throughputTable,
} from './renderTables';
import { round } from './stats';
import { ms, ratio } from './table';

const SECTIONS = ['cold', 'invoke', 'overhead', 'throughput', 'ocr'] as const;

export const BENCH_COMMAND = {
  command: 'npm run bench --',
  usage: '[options]',
  summary: [
    'Measures cold start, invocations, own overhead, emulator throughput and the local OCR engine, each next',
    'to its baseline in the same run, prints the tables (stdout) and writes them as JSON. Progress goes to',
    'stderr. All sections take about 4-6 minutes on 2 cores.',
  ].join('\n'),
  options: {
    only: {
      kind: 'list',
      value: 'a,b',
      description: `sections to run: ${SECTIONS.join(', ')} (default all)`,
    },
    runs: {
      kind: 'integer',
      value: 'N',
      description: 'fresh processes per cold-start contender, >= 10',
      default: 15,
    },
    invocations: {
      kind: 'integer',
      value: 'N',
      description: 'fresh function instances per variant',
      default: 10,
    },
    'ocr-invocations': { kind: 'integer', value: 'N', description: 'of them with local OCR', default: 6 },
    'ocr-count': {
      kind: 'integer',
      value: 'N',
      description: 'fixture photos for the OCR section',
      default: 3,
    },
    ops: {
      kind: 'integer',
      value: 'N',
      description: 'database operations per throughput mode',
      default: 400,
    },
    out: {
      kind: 'path',
      value: 'FILE',
      description: 'the JSON results',
      default: path.join(__dirname, 'results.json'),
    },
  },
  examples: ['npm run bench', 'npm run bench -- --only cold --runs 30'],
} as const;

type Options = ParsedOptions<typeof BENCH_COMMAND.options>;

async function main(options: Options): Promise<number> {
  const only = new Set<string>(options.only ?? SECTIONS);
  const unknown = [...only].filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new UsageError(`--only: unknown ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
  if (options.runs < 10)
    throw new UsageError('--runs must be at least 10: fewer processes say nothing about a median');
  const names = functionNames();
  const log = progress('bench');
  const results: Record<string, unknown> = {
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '?',
      loadAverage: os.loadavg().map((load) => round(load)),
    },
    startedAt: new Date().toISOString(),
    options: { ...options, only: [...only] },
  };
  const tables: string[] = [];
  const checks: Check[] = [];

  // `npm run bench` has just built; run directly (tsx scripts/bench/bench.ts), stale bundles are rebuilt.
  await buildIfStale(names);
  log('building comparison functions (SDK from node_modules, untrimmed bundle) in a temp folder');
  const builds = await createComparisonBuilds(names);
  try {
    const bundles = Object.fromEntries(
      names.map((name) => [
        name,
        {
          bytes: statSync(path.join(FUNCTIONS_DIR, name, 'index.js')).size,
          untrimmedBytes: statSync(path.join(builds.untrimmedFunctionsDir, name, 'index.js')).size,
        },
      ]),
    );
    results.bundle = { functions: bundles, budgetBytes: BUNDLE_BUDGET_BYTES, targetBytes: TARGET_BYTES };
    const largest = Math.max(...names.map((name) => bundles[name]!.bytes));
    checks.push({
      target: `bundle < ${kb(TARGET_BYTES)}`,
      measured: kb(largest),
      met: largest < TARGET_BYTES,
    });
    tables.push(bundleTable(bundles, TARGET_BYTES));

    if (only.has('cold')) {
      log(`cold start: ${options.runs} fresh processes per contender, alternating`);
      const contenders: Contender[] = [
        {
          label: 'ocrDriverLicense bundle (ours)',
          entry: path.join(FUNCTIONS_DIR, 'ocrDriverLicense', 'index.js'),
        },
        {
          label: 'driverLicenses bundle (ours)',
          entry: path.join(FUNCTIONS_DIR, 'driverLicenses', 'index.js'),
        },
        {
          label: `baseline: sample, wx-server-sdk ${builds.sdkVersion} from node_modules`,
          entry: builds.sample,
        },
        {
          label: 'ocrDriverLicense, SDK from node_modules',
          entry: path.join(builds.plainFunctionsDir, 'ocrDriverLicense', 'index.js'),
        },
        {
          label: 'ocrDriverLicense bundle, untrimmed (before)',
          entry: path.join(builds.untrimmedFunctionsDir, 'ocrDriverLicense', 'index.js'),
        },
        { label: 'empty function (node start alone)', entry: '' },
      ];
      const figures = await benchColdStart(contenders, { runs: options.runs });
      const [ours, , baseline] = figures as [ColdStartFigures, ColdStartFigures, ColdStartFigures];
      results.coldStart = {
        oursMs: ours.readyMs.median,
        baselineMs: baseline.readyMs.median,
        ratio: round(ours.readyMs.median / baseline.readyMs.median, 3),
        cpuRatio: round(ours.cpuMs.median / baseline.cpuMs.median, 3),
        target: 0.5,
        runs: options.runs,
        contenders: figures,
      };
      const coldRatio = ours.readyMs.median / baseline.readyMs.median;
      checks.push({
        target: 'cold start <= 0.5x baseline',
        measured: ratio(coldRatio),
        met: coldRatio <= 0.5,
      });
      tables.push(coldStartTable(figures, baseline));
    }

    const needsCloud = ['invoke', 'overhead'].some((s) => only.has(s));
    if (needsCloud) {
      const cloud = await startBenchCloud();
      try {
        const fixture = readFixture(DEFAULT_FIXTURE);

        if (only.has('invoke')) {
          log(
            `invocations: ${options.invocations} fresh instances (+2 warm calls each) cached, ` +
              `${options['ocr-invocations']} with local OCR, per variant`,
          );
          const figures = await benchInvocations(
            cloud,
            fixture.bytes,
            [
              { label: 'ours (bundle)', functionsDir: FUNCTIONS_DIR },
              { label: 'SDK from node_modules', functionsDir: builds.plainFunctionsDir },
              { label: 'untrimmed bundle (before)', functionsDir: builds.untrimmedFunctionsDir, ocr: false },
            ],
            { runs: options.invocations, ocrRuns: options['ocr-invocations'], warmCalls: 2 },
          );
          results.invocations = { fixture: fixture.name, variants: figures };
          tables.push(invocationTable(figures));
          for (const f of figures) {
            if (f.failedCalls > 0)
              log(`${f.label}: ${f.failedCalls} call(s) failed: ${f.failures.join('; ')}`);
          }
        }

        if (only.has('overhead')) {
          log('own overhead per call: handlers in-process, port calls timed');
          const figures: OverheadFigures[] = await benchOverhead(cloud, fixture, {
            runs: Math.max(options.invocations * 3, 30),
          });
          const pure: PureFigures[] = benchPureParts(fixture, 200);
          results.overhead = { target: 5, scenarios: figures, pure };
          const worst = Math.max(...figures.map((f) => f.ownMs.median));
          checks.push({ target: 'own overhead < 5 ms median', measured: ms(worst), met: worst < 5 });
          tables.push(...overheadTables(figures, pure));
        }
      } finally {
        await cloud.close();
      }
    }

    if (only.has('throughput')) {
      log(`emulator throughput: ${options.ops} operations per mode, emulator in its own process`);
      const figures: ThroughputFigures[] = await benchThroughput({ ops: options.ops, clients: [1, 8] });
      results.throughput = figures;
      tables.push(throughputTable(figures));
    }

    if (only.has('ocr')) {
      log(`local OCR: ${options['ocr-count']} fixture photo(s)`);
      const figures: OcrFigures = await benchLocalOcr(options['ocr-count']);
      results.ocr = figures;
      for (const miss of figures.misses) log(`ocr: ${miss}`);
      tables.push(ocrTable(figures));
    }
  } finally {
    rmSync(builds.dir, { recursive: true, force: true });
  }

  results.checks = checks;
  tables.push(checksTable(checks));
  results.finishedAt = new Date().toISOString();
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(tables.join('\n\n'));
  console.log(`\nresults: ${options.out}`);
  return 0;
}

if (require.main === module) void runCommand(BENCH_COMMAND, ({ options }) => main(options));
