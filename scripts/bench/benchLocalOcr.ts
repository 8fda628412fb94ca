/**
 * The local OCR engine (emulator/ocr/createLocalRecognizer) on committed fixture photos: latency per
 * photo once the engine is up, the engine's start, and accuracy against each fixture's truth file
 * (fields read exactly, photos read entirely).
 */
import { readdirSync } from 'node:fs';
import { createLocalRecognizer } from '../../emulator/ocr/createLocalRecognizer';
import type { WeChatDriverLicenseFields } from '../../emulator/openapi/DriverLicenseRecognizer';
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
  misses: string[];
}

const FIELDS: (keyof WeChatDriverLicenseFields)[] = [
  'id_num',
  'name',
  'sex',
  'nationality',
  'address',
  'birth_date',
  'issue_date',
  'car_class',
  'valid_from',
  'valid_to',
  'official_seal',
];

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
      const wrong = FIELDS.filter((field) => outcome.fields[field] !== fixture.fields[field]);
      right += FIELDS.length - wrong.length;
      if (wrong.length === 0) allRight++;
      // Field names only: the values are (synthetic) personal data.
      else misses.push(`${name}: ${wrong.join(', ')}`);
    }
    return {
      photos: names.length,
      firstCallMs,
      latencyMs: summarize(latencies),
      fieldAccuracy: round(right / (FIELDS.length * names.length), 3),
      photosAllRight: allRight,
      misses,
    };
  } finally {
    await recognizer.close();
  }
}
