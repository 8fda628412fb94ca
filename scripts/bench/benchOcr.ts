/**
 * Accuracy and speed of the local OCR engine. `npm run bench:ocr -- --help` for the options.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalRecognizer, type LocalRecognizer } from '../../emulator/ocr/createLocalRecognizer';
import type { RecognizeOutcome } from '../../emulator/openapi/DriverLicenseRecognizer';
import { generateLicensePhoto, generateNegativePhoto, NEGATIVE_KINDS } from '../fixtures/renderLicense';
import { type ParsedOptions, runCommand } from '../lib/commandLine';
import { progress } from '../lib/progress';
import { fromFixture, loadCases, type OcrCase, SCORED_FIELDS } from './ocrTruth';
import { byResolution, type CaseScore, scoreLicence, totals } from './scoreLicence';
import { percentile } from './stats';

export const BENCH_OCR_COMMAND = {
  command: 'npm run bench:ocr --',
  usage: '[options]',
  summary: [
    'Reads licence photos with the local OCR engine and prints how many fields it got right, left',
    'empty or got wrong (wrong but plausible), how many negatives it refused, its latency (wall and',
    'CPU time) and peak memory. Progress goes to stderr, the tables to stdout.',
  ].join('\n'),
  options: {
    dir: {
      kind: 'path',
      value: 'DIR',
      description:
        'photos in DIR, with DIR/truth.json ([{ file, kind, expect }], DTO field names, as ../shared/real-samples has it) or a NAME.json truth beside each photo',
    },
    count: {
      kind: 'integer',
      value: 'N',
      description: 'without --dir: generate N licence photos and one negative of each kind per 8 licences',
      default: 40,
    },
    seed: { kind: 'integer', value: 'S', description: 'first seed of the generated photos', default: 5000 },
    trace: { kind: 'path', value: 'DIR', description: "write each photo's trace (PNG + JSON) into DIR" },
    against: {
      kind: 'path',
      value: 'DIR',
      description:
        "another checkout of this project (git worktree add DIR REF; its node_modules linked to this one's): its engine reads every photo too, in turn with this one in the same process, for the latency ratio and the photos the two answer differently (peak RSS then counts both engines, and with --trace this engine's time counts writing its traces)",
    },
    verbose: {
      kind: 'boolean',
      description: 'name every field that was not right (field names only, no values)',
    },
    'work-size': { kind: 'integer', value: 'PX', description: "the engine's work size", default: 1280 },
    'photo-det': {
      kind: 'integer',
      value: 'PX',
      description: 'long side the detector sees of a whole photo',
      default: 960,
    },
    'card-det': {
      kind: 'integer',
      value: 'PX',
      description: 'long side the detector sees of a flattened card',
      default: 640,
    },
  },
  examples: [
    'npm run bench:ocr -- --dir ../shared/real-samples --verbose',
    'npm run bench:ocr -- --count 80 --seed 9000',
    'npm run bench:ocr -- --dir /tmp/set --against /tmp/base',
  ],
} as const;

interface Sample extends OcrCase {
  image: Buffer;
}

async function* samples(dir: string | undefined, count: number, seed: number): AsyncGenerator<Sample> {
  if (dir) {
    for (const c of loadCases(dir)) yield { ...c, image: readFileSync(path.join(dir, c.file)) };
    return;
  }
  for (let i = 0; i < count; i++) {
    const { image, truth } = await generateLicensePhoto(seed + i);
    yield { file: `licence seed ${seed + i}`, ...fromFixture(truth), image };
  }
  const negatives = Math.max(NEGATIVE_KINDS.length, Math.ceil(count / 8));
  for (let i = 0; i < negatives; i++) {
    const what = NEGATIVE_KINDS[i % NEGATIVE_KINDS.length]!;
    const { image } = await generateNegativePhoto(seed + i, what);
    yield { file: `${what} seed ${seed + i}`, kind: what, expect: {}, image };
  }
}

/** The engine of another checkout (`--against`), loaded from its own source. */
function engineOf(checkout: string): typeof createLocalRecognizer {
  const file = path.resolve(checkout, 'emulator/ocr/createLocalRecognizer.ts');
  if (!existsSync(file)) throw new Error(`--against: no engine at ${file}`);
  if (!existsSync(path.resolve(checkout, 'node_modules')))
    throw new Error(`--against: ${checkout} has no node_modules (link this checkout's there)`);
  return (require(file) as { createLocalRecognizer: typeof createLocalRecognizer }).createLocalRecognizer;
}

/** What an answer says, to tell whether two engines answered a photo alike. */
const answerOf = (o: RecognizeOutcome) => JSON.stringify(o.errcode === 0 ? o.fields : o.errcode);

async function main(options: ParsedOptions<typeof BENCH_OCR_COMMAND.options>): Promise<number> {
  const say = progress('bench:ocr');
  const engineSizes = {
    workSize: options['work-size'],
    photoDetSize: options['photo-det'],
    cardDetSize: options['card-det'],
  };
  const recognizer = createLocalRecognizer({
    ...engineSizes,
    ...(options.trace ? { traceDir: options.trace } : {}),
  });
  const base = options.against ? engineOf(options.against)(engineSizes) : undefined;
  const baseTimes: number[] = [];
  const differing: string[] = [];
  const scores: CaseScore[] = [];
  const sizes: Array<number | undefined> = [];
  const times: number[] = [];
  // CPU time (all threads) alongside wall time: it hardly moves when other work shares the cores.
  const cpuTimes: number[] = [];
  try {
    // Model loading is not a photo's latency.
    say('loading the OCR engine');
    await recognizer.warmup?.();
    await base?.warmup?.();
    if (!options.dir) say(`generating ${options.count} photos from seed ${options.seed} as it goes`);
    for await (const sample of samples(options.dir, options.count, options.seed)) {
      // Against a base, every other photo goes to the base first: neither always meets a warm cache.
      const baseFirst = base !== undefined && scores.length % 2 === 1;
      const baseOutcome = baseFirst ? await timed(base, sample.image, baseTimes) : undefined;
      const started = performance.now();
      const cpu = process.cpuUsage();
      const outcome = await recognizer.recognize(sample.image);
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      times.push(ms);
      cpuTimes.push((used.user + used.system) / 1000);
      const other = baseOutcome ?? (base ? await timed(base, sample.image, baseTimes) : undefined);
      if (other && answerOf(other) !== answerOf(outcome)) differing.push(sample.file);
      const score = scoreLicence(sample, outcome);
      scores.push(score);
      sizes.push(sample.cardPxPerMm);
      const missed = Object.entries(score.fields).filter(([, o]) => o !== 'right');
      const note = score.licence
        ? score.handled
          ? missed.length === 0
            ? 'all right'
            : missed.map(([f, o]) => `${f} ${o}`).join(', ')
          : `refused (${outcome.errcode})`
        : score.handled
          ? 'refused'
          : 'NOT refused';
      say(
        `${scores.length} ${sample.file} ${ms.toFixed(0)} ms (cpu ${cpuTimes.at(-1)?.toFixed(0)} ms)${options.verbose ? `: ${note}` : ''}`,
      );
    }
  } finally {
    await recognizer.close();
    await base?.close();
  }
  const t = totals(scores);
  const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
  console.log('| field | right |');
  console.log('|---|---|');
  for (const f of SCORED_FIELDS) {
    const { right, of } = t.perField[f];
    if (of > 0) console.log(`| ${f} | ${right}/${of} (${pct(right, of)}) |`);
  }
  console.log(`| **readable fields** | **${t.right}/${t.fields} (${pct(t.right, t.fields)})** |`);
  const bands = byResolution(scores.map((score, i) => ({ score, cardPxPerMm: sizes[i] })));
  if (bands.length > 0) {
    // How legible the print is: the card's size in the photo, as the generator drew it.
    console.log('\n| card px/mm | licences | accepted | fields right |');
    console.log('|---|---|---|---|');
    for (const b of bands) {
      const range = Number.isFinite(b.to) ? `${b.from}-${b.to}` : `${b.from}+`;
      console.log(
        `| ${range} | ${b.licences} | ${b.accepted} | ${b.right}/${b.fields} (${pct(b.right, b.fields)}) |`,
      );
    }
  }
  console.log(`\nwrong but plausible: ${t.wrong}, empty: ${t.empty}`);
  console.log(`licences accepted: ${t.accepted}/${t.licences}, fully right: ${t.fullyRight}/${t.licences}`);
  console.log(`negatives refused: ${t.refused}/${t.negatives}`);
  console.log(
    `latency median ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms` +
      ` (CPU time median ${percentile(cpuTimes, 50).toFixed(0)} ms on ${require('node:os').cpus().length} cores)`,
  );
  if (options.against) {
    const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
    console.log(
      `against ${options.against}: latency median ${percentile(baseTimes, 50).toFixed(0)} ms there;` +
        ` total time here / there ${(sum(times) / Math.max(1, sum(baseTimes))).toFixed(3)};` +
        ` answered alike ${scores.length - differing.length}/${scores.length}` +
        (differing.length > 0 ? ` (differing: ${differing.join(', ')})` : ''),
    );
  }
  // maxRSS covers the worker thread too: it runs in this process.
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  return 0;
}

async function timed(engine: LocalRecognizer, image: Buffer, times: number[]): Promise<RecognizeOutcome> {
  const started = performance.now();
  const outcome = await engine.recognize(image);
  times.push(performance.now() - started);
  return outcome;
}

if (require.main === module) void runCommand(BENCH_OCR_COMMAND, ({ options }) => main(options));
