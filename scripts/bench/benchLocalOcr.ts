/**
 * The local OCR engine (emulator/ocr/createLocalRecognizer) on the committed fixture photos, scored
 * by the one OCR scoring loop (scoreLicence.ts, as `npm run bench:ocr` scores): latency per photo
 * once the engine is up, the engine's start, fields right against each fixture's truth, photos read
 * entirely, and negatives (not a licence) refused.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalRecognizer } from '../../emulator/ocr/createLocalRecognizer';
import { ROOT } from '../build';
import { FIXTURES_DIR } from './benchCloud';
import { loadCases, type OcrCase } from './ocrTruth';
import { type CaseScore, scoreLicence, totals } from './scoreLicence';
import { round, type Summary, since, summarize } from './stats';

export interface OcrFigures {
  photos: number;
  /** The first call: engine (ONNX models) start plus one recognition. */
  firstCallMs: number;
  latencyMs: Summary;
  /** Fields right, over all fields the truth shows on all photos. */
  fieldAccuracy: number;
  /** Photos with every field right. */
  photosAllRight: number;
  negatives: number;
  negativesRejected: number;
  misses: string[];
}

const NEGATIVES_DIR = path.join(ROOT, 'test', 'fixtures', 'negatives');

export async function benchLocalOcr(count: number): Promise<OcrFigures> {
  const licences = loadCases(FIXTURES_DIR).slice(0, Math.max(1, count));
  const negatives = loadCases(NEGATIVES_DIR);
  const read = (dir: string, c: OcrCase) => readFileSync(path.join(dir, c.file));
  const recognizer = createLocalRecognizer();
  try {
    const started = performance.now();
    await recognizer.recognize(read(FIXTURES_DIR, licences[0]!));
    const firstCallMs = round(since(started));

    const latencies: number[] = [];
    const scores: CaseScore[] = [];
    for (const [dir, cases] of [
      [FIXTURES_DIR, licences],
      [NEGATIVES_DIR, negatives],
    ] as const) {
      for (const c of cases) {
        const begun = performance.now();
        const outcome = await recognizer.recognize(read(dir, c));
        if (c.kind === 'license') latencies.push(since(begun));
        scores.push(scoreLicence(c, outcome));
      }
    }
    const t = totals(scores);
    // Field names only: the values are (synthetic) personal data.
    const misses = scores.flatMap((s) => {
      if (!s.licence) return s.handled ? [] : [`${s.file}: not refused`];
      if (!s.handled) return [`${s.file}: refused`];
      const wrong = Object.entries(s.fields).filter(([, outcome]) => outcome !== 'right');
      return wrong.length === 0 ? [] : [`${s.file}: ${wrong.map(([f, o]) => `${f} ${o}`).join(', ')}`];
    });
    return {
      photos: t.licences,
      firstCallMs,
      latencyMs: summarize(latencies),
      fieldAccuracy: round(t.right / Math.max(1, t.fields), 3),
      photosAllRight: t.fullyRight,
      negatives: t.negatives,
      negativesRejected: t.refused,
      misses,
    };
  } finally {
    await recognizer.close();
  }
}
