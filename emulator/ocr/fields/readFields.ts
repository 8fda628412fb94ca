import { address } from './address';
import { type Agreement, agreeDates } from './agreeDates';
import { birthDate } from './birthDate';
import { carClass } from './carClass';
import type { FieldContext, Token, ValueRegion } from './FieldContext';
import type { FieldKey, FieldResult, FieldSpec } from './FieldSpec';
import { idNum } from './idNum';
import { issueDate } from './issueDate';
import { name } from './name';
import { nationality } from './nationality';
import { sourcesOf } from './readByGrammar';
import { sex } from './sex';
import { validFor } from './validFor';
import { validFrom } from './validFrom';
import { validPeriod } from './validPeriod';

/** Every field of the card, in reading order. */
export const FIELD_SPECS: readonly FieldSpec[] = [
  idNum,
  name,
  sex,
  nationality,
  address,
  birthDate,
  issueDate,
  carClass,
  validFrom,
  validPeriod,
  validFor,
];

export interface SpecReading {
  spec: FieldSpec;
  regions: ValueRegion[];
  tokens: Token[][];
  result: FieldResult;
}

export type FieldValues = Record<FieldKey, string>;

/**
 * Reads every field the card's layout prints. Each value character is given to the one region it
 * lies in whose row it is centred nearest (regions of neighbouring rows overlap a little, because
 * the values' print is misregistered), then each spec reads its own characters.
 */
export async function readFields(
  ctx: FieldContext,
): Promise<{ values: FieldValues; specs: SpecReading[]; agreed: Agreement[] }> {
  const specs = FIELD_SPECS.filter((s) => s.formats.includes(ctx.format));
  const regions = specs.map((s) => s.regions(ctx));
  const tokens = regions.map((rs) => rs.map((): Token[] => []));
  for (const token of ctx.tokens) {
    let best: { i: number; j: number; d: number } | undefined;
    for (const [i, rs] of regions.entries()) {
      for (const [j, r] of rs.entries()) {
        if (token.x < r.x0 || token.x > r.x1 || token.y < r.y0 || token.y > r.y1) continue;
        const d = Math.abs(token.y - r.cy) / ((r.y1 - r.y0) / 2);
        if (!best || d < best.d) best = { i, j, d };
      }
    }
    if (best) tokens[best.i]![best.j]!.push(token);
  }
  const values: FieldValues = {
    id_num: '',
    name: '',
    sex: '',
    nationality: '',
    address: '',
    birth_date: '',
    issue_date: '',
    car_class: '',
    valid_from: '',
    valid_to: '',
  };
  // Specs read their own regions only: all at once, so both workers stay busy with re-reads.
  const readings = await Promise.all(
    specs.map(async (spec, i): Promise<SpecReading> => {
      const own = tokens[i]!.map((ts) => withoutDuplicates(ts).sort((a, b) => a.x - b.x));
      return { spec, regions: regions[i]!, tokens: own, result: await spec.read(ctx, own, regions[i]!) };
    }),
  );
  for (const { spec, result } of readings) {
    for (const key of spec.fields) values[key] = result.values[key] ?? '';
  }
  // What the card prints twice must agree: a digit one field's ink hardly tells, the other settles.
  const agreement = await agreeDates(ctx.engine, {
    values,
    period: readings.some(
      ({ spec }) => spec.fields.includes('valid_from') && spec.fields.includes('valid_to'),
    ),
    slashedZeros: readings.some(({ result }) => result.slashedZeros === true),
    readAs: (field) => readings.find(({ spec }) => spec.fields.includes(field))?.result.read.split('|') ?? [],
    async evidenceOf(field) {
      const reading = readings.find(({ spec }) => spec.fields.includes(field));
      const evidence = reading?.result.evidence;
      const region = reading?.regions[0];
      if (!evidence || evidence.sources.length > 0 || !region) return evidence;
      return { ...evidence, sources: sourcesOf(await ctx.reread(region)) };
    },
  });
  return { values: agreement.values, specs: readings, agreed: agreement.agreed };
}

/**
 * The detector sometimes finds one stretch of print twice (two overlapping boxes): of two lines
 * whose characters in a region overlap over half the shorter one's span, the less confident goes,
 * unless the shorter is a fragment of the longer.
 */
export function withoutDuplicates(tokens: readonly Token[]): Token[] {
  const byLine = new Map<Token['line'], Token[]>();
  for (const t of tokens) byLine.set(t.line, [...(byLine.get(t.line) ?? []), t]);
  const spans = [...byLine.entries()].map(([line, ts]) => ({
    line,
    x0: Math.min(...ts.map((t) => t.x0)),
    x1: Math.max(...ts.map((t) => t.x1)),
    confidence: ts.reduce((s, t) => s + t.confidence, 0) / ts.length,
  }));
  const dropped = new Set<Token['line']>();
  for (const a of spans) {
    for (const b of spans) {
      if (a === b || dropped.has(a.line) || dropped.has(b.line)) continue;
      const overlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const shorter = Math.min(a.x1 - a.x0, b.x1 - b.x0);
      if (overlap <= shorter / 2) continue;
      // A line within one over twice its length is a fragment of it (a label's last character
      // read apart): it goes, however confidently read, not the whole line.
      const [short, long] = a.x1 - a.x0 <= b.x1 - b.x0 ? [a, b] : [b, a];
      const fragment = long.x1 - long.x0 > 2 * (short.x1 - short.x0);
      dropped.add(fragment ? short.line : a.confidence < b.confidence ? a.line : b.line);
    }
  }
  return tokens.filter((t) => !dropped.has(t.line));
}
