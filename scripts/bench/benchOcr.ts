/**
 * Accuracy and speed of the local OCR engine. `npm run bench:ocr -- --help` for the options.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLocalRecognizer } from '../../emulator/ocr/createLocalRecognizer';
import { generateLicensePhoto, generateNegativePhoto, NEGATIVE_KINDS } from '../fixtures/renderLicense';
import { fromFixture, loadCases, type OcrCase, SCORED_FIELDS } from './ocrTruth';
import { type CaseScore, scoreLicence, totals } from './scoreLicence';
import { percentile } from './stats';

const USAGE = `Usage: npm run bench:ocr -- [options]

Reads licence photos with the local OCR engine and prints how many fields it got right, left
empty or got wrong, how many negatives it refused, and its latency and peak memory.

Options:
  --dir DIR          photos in DIR, with DIR/truth.json ([{ file, kind, expect }], DTO field names,
                     as ../shared/real-samples has it) or a NAME.json truth beside each photo
  --count N          without --dir: generate N licence photos (default 40) and one negative of
                     each kind per 8 licences
  --seed S           first seed of the generated photos (default 5000)
  --trace DIR        write each photo's trace (PNG + JSON) into DIR
  --verbose          list every field that was not right (field names only, no values)
  --work-size PX     the engine's work size (default 1280)
  --photo-det PX     long side the detector sees of a whole photo (default 960)
  --card-det PX      long side the detector sees of a flattened card (default 640)
  --help             this text

Example:
  npm run bench:ocr -- --dir ../shared/real-samples --verbose`;

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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      trace: { type: 'string' },
      verbose: { type: 'boolean' },
      'work-size': { type: 'string' },
      'photo-det': { type: 'string' },
      'card-det': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const recognizer = createLocalRecognizer({
    workSize: Number(values['work-size'] ?? 1280),
    photoDetSize: Number(values['photo-det'] ?? 960),
    cardDetSize: Number(values['card-det'] ?? 640),
    ...(values.trace ? { traceDir: values.trace } : {}),
  });
  const scores: CaseScore[] = [];
  const times: number[] = [];
  // CPU time (all threads) alongside wall time: it hardly moves when other work shares the cores.
  const cpuTimes: number[] = [];
  try {
    // Model loading is not a photo's latency.
    await recognizer.warmup?.();
    for await (const sample of samples(values.dir, Number(values.count ?? 40), Number(values.seed ?? 5000))) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const outcome = await recognizer.recognize(sample.image);
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      times.push(ms);
      cpuTimes.push((used.user + used.system) / 1000);
      const score = scoreLicence(sample, outcome);
      scores.push(score);
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
      process.stderr.write(
        `${scores.length} ${sample.file} ${ms.toFixed(0)} ms (cpu ${cpuTimes.at(-1)?.toFixed(0)} ms)${values.verbose ? `: ${note}` : ''}\n`,
      );
    }
  } finally {
    await recognizer.close();
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
  console.log(`\nwrong but plausible: ${t.wrong}, empty: ${t.empty}`);
  console.log(`licences accepted: ${t.accepted}/${t.licences}, fully right: ${t.fullyRight}/${t.licences}`);
  console.log(`negatives refused: ${t.refused}/${t.negatives}`);
  console.log(
    `latency median ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms` +
      ` (CPU time median ${percentile(cpuTimes, 50).toFixed(0)} ms on ${require('node:os').cpus().length} cores)`,
  );
  // maxRSS covers the worker thread too: it runs in this process.
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
