/**
 * The local OCR engine (emulator/ocr/createLocalRecognizer) on committed fixture photos, with the
 * measures of scripts/bench/benchOcr.ts (which runs as a script and exports nothing to call):
 * latency per photo once the engine is up, the engine's start, fields read exactly against each
 * fixture's truth file, photos read entirely, and negatives (not a licence) rejected with 101001.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalRecognizer } from '../../emulator/ocr/createLocalRecognizer';
import { WECHAT_FIELD_NAMES } from '../../emulator/openapi/DriverLicenseRecognizer';
import { ROOT } from '../build';
import { FIXTURES_DIR, readFixture } from './benchCloud';
import { round, type Summary, since, summarize } from './stats';

export interface OcrFigures {
  photos: number;
  /** The first call: engine (ONNX models) start plus one recognition. */
  firstCallMs: number;
  latencyMs: Summary;
  /** Fields equal to the truth, over all fields of all photos. */
  fieldAccuracy: number;
  /** Photos with every field right. */
  photosAllRight: number;
  negatives: number;
  negativesRejected: number;
  misses: string[];
}

const NEGATIVES_DIR = path.join(ROOT, 'test', 'fixtures', 'negatives');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((file) => file.endsWith('.jpg'))
    .map((file) => file.slice(0, -'.jpg'.length))
    .sort();
}

export async function benchLocalOcr(count: number): Promise<OcrFigures> {
  const names = fixtureNames().slice(0, Math.max(1, count));
  const recognizer = createLocalRecognizer();
  try {
    const first = readFixture(names[0]!);
    const started = performance.now();
    await recognizer.recognize(first.bytes);
    const firstCallMs = round(since(started));

    const latencies: number[] = [];
    const misses: string[] = [];
    let right = 0;
    let allRight = 0;
    for (const name of names) {
      const fixture = readFixture(name);
      const begun = performance.now();
      const outcome = await recognizer.recognize(fixture.bytes);
      latencies.push(since(begun));
      if (outcome.errcode !== 0) {
        misses.push(`${name}: errcode ${outcome.errcode}`);
        continue;
      }
      const wrong = WECHAT_FIELD_NAMES.filter((field) => outcome.fields[field] !== fixture.fields[field]);
      right += WECHAT_FIELD_NAMES.length - wrong.length;
      if (wrong.length === 0) allRight++;
      // Field names only: the values are (synthetic) personal data.
      else misses.push(`${name}: ${wrong.join(', ')}`);
    }
    const negativeFiles = readdirSync(NEGATIVES_DIR).filter((file) => file.endsWith('.jpg'));
    let rejected = 0;
    for (const file of negativeFiles) {
      const outcome = await recognizer.recognize(readFileSync(path.join(NEGATIVES_DIR, file)));
      if (outcome.errcode === 101001) rejected++;
      else misses.push(`${file}: not rejected (errcode ${outcome.errcode})`);
    }
    return {
      photos: names.length,
      firstCallMs,
      latencyMs: summarize(latencies),
      fieldAccuracy: round(right / (WECHAT_FIELD_NAMES.length * names.length), 3),
      photosAllRight: allRight,
      negatives: negativeFiles.length,
      negativesRejected: rejected,
      misses,
    };
  } finally {
    await recognizer.close();
  }
}
