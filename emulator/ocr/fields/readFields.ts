import { address } from './address';
import { birthDate } from './birthDate';
import { carClass } from './carClass';
import type { FieldContext, Token, ValueRegion } from './FieldContext';
import type { FieldKey, FieldResult, FieldSpec } from './FieldSpec';
import { idNum } from './idNum';
import { issueDate } from './issueDate';
import { name } from './name';
import { nationality } from './nationality';
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
export async function readFields(ctx: FieldContext): Promise<{ values: FieldValues; specs: SpecReading[] }> {
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
  const readings: SpecReading[] = [];
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const own = tokens[i]!.map((ts) => [...ts].sort((a, b) => a.x - b.x));
    const result = await spec.read(ctx, own, regions[i]!);
    for (const key of spec.fields) values[key] = result.values[key] ?? '';
    readings.push({ spec, regions: regions[i]!, tokens: own, result });
  }
  return { values, specs: readings };
}
