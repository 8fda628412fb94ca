import type { RecognizeOutcome } from '../../emulator/openapi/DriverLicenseRecognizer';
import { toDriverLicense } from '../../src/domain/toDriverLicense';
import { type OcrCase, SCORED_FIELDS, type ScoredField } from './ocrTruth';

/** A field's fate: read right, left empty, or read as something else (wrong but plausible). */
export type FieldOutcome = 'right' | 'empty' | 'wrong';

export interface CaseScore {
  file: string;
  licence: boolean;
  /** Licences: accepted (errcode 0); negatives: refused (101001). */
  handled: boolean;
  fields: Partial<Record<ScoredField, FieldOutcome>>;
}

/** The same text once spaces are gone and '长期' stands for a null end. */
function comparable(value: string | null | undefined): string {
  if (value === null) return '长期';
  return (value ?? '').replace(/\s+/g, '');
}

/**
 * Scores one recognition against its case, through the DTO the cloud function would store: every
 * field the truth shows (non-empty, or a 长期 end) is right, empty, or wrong.
 */
export function scoreLicence(c: OcrCase, outcome: RecognizeOutcome): CaseScore {
  const licence = c.kind === 'license';
  if (!licence) return { file: c.file, licence, handled: outcome.errcode === 101001, fields: {} };
  const got = outcome.errcode === 0 ? toDriverLicense(outcome.fields).license : undefined;
  const fields: CaseScore['fields'] = {};
  for (const field of SCORED_FIELDS) {
    const expected = c.expect[field];
    if (expected === undefined || expected === '') continue;
    const value = comparable(got?.[field]);
    fields[field] = value === comparable(expected) ? 'right' : value === '' ? 'empty' : 'wrong';
  }
  return { file: c.file, licence, handled: outcome.errcode === 0, fields };
}

export interface Totals {
  licences: number;
  accepted: number;
  fullyRight: number;
  negatives: number;
  refused: number;
  fields: number;
  right: number;
  empty: number;
  wrong: number;
  perField: Record<ScoredField, { right: number; of: number }>;
}

export function totals(scores: readonly CaseScore[]): Totals {
  const perField = Object.fromEntries(
    SCORED_FIELDS.map((f) => [f, { right: 0, of: 0 }]),
  ) as Totals['perField'];
  const t: Totals = {
    licences: 0,
    accepted: 0,
    fullyRight: 0,
    negatives: 0,
    refused: 0,
    fields: 0,
    right: 0,
    empty: 0,
    wrong: 0,
    perField,
  };
  for (const s of scores) {
    if (!s.licence) {
      t.negatives++;
      if (s.handled) t.refused++;
      continue;
    }
    t.licences++;
    if (s.handled) t.accepted++;
    const outcomes = Object.entries(s.fields) as Array<[ScoredField, FieldOutcome]>;
    if (outcomes.every(([, o]) => o === 'right')) t.fullyRight++;
    for (const [field, o] of outcomes) {
      t.fields++;
      t[o]++;
      perField[field].of++;
      if (o === 'right') perField[field].right++;
    }
  }
  return t;
}

/** Where the card's size in the photo (px per mm) splits a breakdown: text 2.5 mm high is 5-15 px. */
export const RESOLUTION_BANDS = [0, 2, 3, 4, 6] as const;

export interface ResolutionRow {
  /** px per mm, from (inclusive) to (exclusive; Infinity for the last band). */
  from: number;
  to: number;
  licences: number;
  accepted: number;
  fields: number;
  right: number;
}

/** Licences' fields by how large the card is in the photo; cases without a size are left out. */
export function byResolution(
  scored: ReadonlyArray<{ score: CaseScore; cardPxPerMm: number | undefined }>,
): ResolutionRow[] {
  const rows = RESOLUTION_BANDS.map((from, i) => ({
    from,
    to: RESOLUTION_BANDS[i + 1] ?? Number.POSITIVE_INFINITY,
    licences: 0,
    accepted: 0,
    fields: 0,
    right: 0,
  }));
  for (const { score, cardPxPerMm } of scored) {
    if (!score.licence || cardPxPerMm === undefined) continue;
    const row = rows.find((r) => cardPxPerMm >= r.from && cardPxPerMm < r.to)!;
    row.licences++;
    if (score.handled) row.accepted++;
    for (const o of Object.values(score.fields)) {
      row.fields++;
      if (o === 'right') row.right++;
    }
  }
  return rows.filter((r) => r.licences > 0);
}
