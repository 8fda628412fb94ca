/**
 * Truth for OCR benchmarks, in one form whatever its source: a folder holding `truth.json` (an
 * array of `{ file, kind, expect }`, expect in the DTO's field names, as ../shared/real-samples/
 * has it), or the fixture generator's `NAME.json` beside each `NAME.jpg`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DriverLicense } from '../../src/domain/DriverLicense';
import { toDriverLicense } from '../../src/domain/toDriverLicense';

/** The DTO fields a benchmark compares (validPeriodRaw is how upstream wrote validTo, not a field). */
export const SCORED_FIELDS = [
  'idNum',
  'name',
  'sex',
  'nationality',
  'address',
  'birthDate',
  'issueDate',
  'carClass',
  'validFrom',
  'validTo',
  'officialSeal',
] as const satisfies readonly (keyof DriverLicense)[];
export type ScoredField = (typeof SCORED_FIELDS)[number];

export interface OcrCase {
  file: string;
  /** 'license' for a driving licence's main page; anything else must be refused. */
  kind: string;
  /** The printed values (DTO names); a field the photo does not show legibly is absent or ''. */
  expect: Partial<Record<ScoredField, string | null>>;
  /** Pixels of the photo per mm of the 88 x 60 mm card, where the truth knows the card's outline. */
  cardPxPerMm?: number;
}

/** The card's size in the photo as px per mm: its outline's area against the card's. */
export function cardPxPerMm(quad: ReadonlyArray<readonly [number, number]>): number {
  let twice = 0;
  for (let i = 0; i < quad.length; i++) {
    const [x0, y0] = quad[i]!;
    const [x1, y1] = quad[(i + 1) % quad.length]!;
    twice += x0 * y1 - x1 * y0;
  }
  return Math.sqrt(Math.abs(twice) / 2 / (88 * 60));
}

export function loadCases(dir: string): OcrCase[] {
  const list = path.join(dir, 'truth.json');
  if (existsSync(list)) return JSON.parse(readFileSync(list, 'utf8')) as OcrCase[];
  return readdirSync(dir)
    .filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
    .sort()
    .map((file) => {
      const truth = JSON.parse(
        readFileSync(path.join(dir, file.replace(/\.\w+$/, '.json')), 'utf8'),
      ) as FixtureTruth;
      return { file, ...fromFixture(truth) };
    });
}

/** A generator truth (WeChat's snake_case fields as printed) as a case's expectation. */
export function fromFixture(truth: FixtureTruth): Omit<OcrCase, 'file'> {
  if (truth.kind !== 'license') return { kind: truth.kind, expect: {} };
  const { license } = toDriverLicense(truth.fields);
  const expect: OcrCase['expect'] = {};
  for (const field of SCORED_FIELDS) expect[field] = license[field];
  const quad = truth.distortions?.cardQuad;
  return { kind: 'license', expect, ...(quad ? { cardPxPerMm: cardPxPerMm(quad) } : {}) };
}

/** What a benchmark needs of the generator's NAME.json. */
interface FixtureTruth {
  kind: string;
  fields?: unknown;
  distortions?: { cardQuad?: Array<[number, number]> | null };
}
