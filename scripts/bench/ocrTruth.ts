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
}

export function loadCases(dir: string): OcrCase[] {
  const list = path.join(dir, 'truth.json');
  if (existsSync(list)) return JSON.parse(readFileSync(list, 'utf8')) as OcrCase[];
  return readdirSync(dir)
    .filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
    .sort()
    .map((file) => {
      const truth = JSON.parse(readFileSync(path.join(dir, file.replace(/\.\w+$/, '.json')), 'utf8')) as {
        kind: string;
        fields?: unknown;
      };
      return { file, ...fromFixture(truth) };
    });
}

/** A generator truth (WeChat's snake_case fields as printed) as a case's expectation. */
export function fromFixture(truth: { kind: string; fields?: unknown }): Omit<OcrCase, 'file'> {
  if (truth.kind !== 'license') return { kind: truth.kind, expect: {} };
  const { license } = toDriverLicense(truth.fields);
  const expect: OcrCase['expect'] = {};
  for (const field of SCORED_FIELDS) expect[field] = license[field];
  return { kind: 'license', expect };
}
