/**
 * Accuracy and speed of the local OCR engine: `npm run bench:ocr -- [--count 40] [--seed 5000]
 * [--dir DIR] [--work-size 1280] [--det-scale 0.8]`. Without --dir it generates --count licence
 * photos (seeds seed..seed+count-1) and one negative of each kind per 8 licences with the fixture
 * generator; with --dir it reads DIR/*.jpg|png next to their truth JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalRecognizer } from '../../emulator/ocr/createLocalRecognizer';
import {
  WECHAT_FIELD_NAMES,
  type WeChatDriverLicenseFields,
} from '../../emulator/openapi/DriverLicenseRecognizer';
import {
  generateLicensePhoto,
  generateNegativePhoto,
  NEGATIVE_KINDS,
  type Truth,
} from '../fixtures/renderLicense';

interface Sample {
  name: string;
  image: Buffer;
  truth: Truth;
}

const FIELDS = WECHAT_FIELD_NAMES;

function parseArgs(argv: string[]): Record<string, string> {
  const allowed = new Set(['count', 'seed', 'dir', 'work-size', 'det-scale']);
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]?.replace(/^--/, '') ?? '';
    if (!allowed.has(key)) throw new Error(`bench:ocr: unknown argument ${argv[i]}`);
    out[key] = argv[++i] ?? '';
  }
  return out;
}

async function* samples(args: Record<string, string>): AsyncGenerator<Sample> {
  if (args.dir) {
    for (const file of readdirSync(args.dir)
      .filter((f) => /\.(jpe?g|png)$/i.test(f))
      .sort()) {
      const truth = JSON.parse(
        readFileSync(path.join(args.dir, file.replace(/\.\w+$/, '.json')), 'utf8'),
      ) as Truth;
      yield { name: file, image: readFileSync(path.join(args.dir, file)), truth };
    }
    return;
  }
  const count = Number(args.count ?? 40);
  const seed = Number(args.seed ?? 5000);
  for (let i = 0; i < count; i++) {
    const { image, truth } = await generateLicensePhoto(seed + i);
    yield { name: `licence seed ${seed + i}`, image, truth };
  }
  const negatives = Math.max(NEGATIVE_KINDS.length, Math.ceil(count / 8));
  for (let i = 0; i < negatives; i++) {
    const what = NEGATIVE_KINDS[i % NEGATIVE_KINDS.length] as (typeof NEGATIVE_KINDS)[number];
    const { image, truth } = await generateNegativePhoto(seed + i, what);
    yield { name: `${what} seed ${seed + i}`, image, truth };
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const recognizer = createLocalRecognizer({
    workSize: Number(args['work-size'] ?? 1280),
    detScale: Number(args['det-scale'] ?? 0.8),
  });
  const right = new Map(FIELDS.map((f) => [f, 0]));
  const times: number[] = [];
  let licences = 0;
  let fullyRight = 0;
  let negatives = 0;
  let rejected = 0;
  try {
    // Warm the engine so model loading is not counted as a photo's latency.
    await recognizer.recognize(Buffer.from('warm-up'));
    for await (const sample of samples(args)) {
      const started = performance.now();
      const outcome = await recognizer.recognize(sample.image);
      times.push(performance.now() - started);
      if (sample.truth.kind === 'negative') {
        negatives++;
        if (outcome.errcode === 101001) rejected++;
        else
          console.log(`  not rejected: ${sample.name} (${sample.truth.what}) -> errcode ${outcome.errcode}`);
        continue;
      }
      licences++;
      const truth = sample.truth.fields as unknown as WeChatDriverLicenseFields;
      const got = outcome.errcode === 0 ? outcome.fields : undefined;
      const wrong = FIELDS.filter((f) => got?.[f] !== truth[f]);
      for (const f of FIELDS) if (!wrong.includes(f)) right.set(f, (right.get(f) ?? 0) + 1);
      if (wrong.length === 0) fullyRight++;
      else
        console.log(
          `  ${sample.name}: ${outcome.errcode === 0 ? `wrong ${wrong.join(', ')}` : `errcode ${outcome.errcode}`}`,
        );
    }
  } finally {
    await recognizer.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const total = [...right.values()].reduce((a, b) => a + b, 0);
  const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
  console.log('\n| field | exact |');
  console.log('|---|---|');
  for (const f of FIELDS) console.log(`| ${f} | ${pct(right.get(f) ?? 0, licences)} |`);
  console.log(`| **all fields** | **${pct(total, licences * FIELDS.length)}** |`);
  console.log(`\nlicences fully right: ${fullyRight}/${licences}`);
  console.log(`negatives rejected: ${rejected}/${negatives}`);
  console.log(
    `latency median ${percentile(sorted, 0.5).toFixed(0)} ms, p95 ${percentile(sorted, 0.95).toFixed(0)} ms`,
  );
  // maxRSS covers the worker thread too: it runs in this process.
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
