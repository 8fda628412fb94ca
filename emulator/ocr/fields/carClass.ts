import { CAR_CLASSES, normalizeCarClass, parseCarClass } from '../../../src/domain/rules/carClass';
import { bestSupported } from './bestSupported';
import type { FieldContext, Token, ValueRegion } from './FieldContext';
import { besideLabel, type FieldSpec, textOf } from './FieldSpec';

/** 准驾车型: the class code(s), large and centred in the printed box right of the label. */
export const carClass: FieldSpec = {
  name: 'car_class',
  fields: ['car_class'],
  label: 'carClass',
  formats: ['new', 'old'],
  regions(ctx) {
    const label = ctx.label('carClass');
    return [besideLabel(label, label.x1 + 0.2, 64, 0.5, ctx.format === 'old' ? 2.3 : 3.0)];
  },
  async read(ctx, [tokens = []], [region]) {
    const fromLine = carClassOf(textOf(tokens));
    if (fromLine && (!region || accountsForInk(ctx, region, tokens)))
      return { values: { car_class: fromLine }, read: textOf(tokens), how: 'line' };
    if (!region) return { values: { car_class: '' }, read: '', how: 'none' };
    const recs = await ctx.reread(region);
    for (const rec of recs) {
      const read = carClassOf(rec.text);
      if (read && rec.confidence >= 0.8)
        return { values: { car_class: read }, read: rec.text, how: 'reread' };
    }
    // The grammar chooses among what the ink allows, and only a reading sharing a character with what was read.
    const best = bestSupported(ctx.engine, recs, CLASS_CANDIDATES, 1.5);
    const seen = recs.map((r) => r.text.toUpperCase()).join('');
    const taken = best && [...best.text].some((c) => seen.includes(c)) ? best.text : '';
    return {
      values: { car_class: taken },
      read: recs.map((r) => r.text).join('|'),
      how: taken ? 'reread' : 'none',
    };
  },
};

/** A class letter or digit is 2-4 mm wide; the box's frame and specks are far narrower. */
const GLYPH_MM = 1.5;

/**
 * Whether the line's characters cover the print in the class box: the detector may find one code
 * of C1E and miss the others (glare over one splits the line), and E alone is a class too.
 */
function accountsForInk(ctx: FieldContext, region: ValueRegion, tokens: readonly Token[]): boolean {
  const glyphs = ctx
    .inkSpans({ ...region, y0: region.cy - 1.2, y1: region.cy + 1.2 })
    .filter((s) => s.x1 - s.x0 >= GLYPH_MM);
  if (glyphs.length === 0 || tokens.length === 0) return true;
  const x0 = Math.min(...tokens.map((t) => t.x0));
  const x1 = Math.max(...tokens.map((t) => t.x1));
  return glyphs.every((g) => g.x1 > x0 - GLYPH_MM && g.x0 < x1 + GLYPH_MM);
}

/** The printed text as a class ('CI' is C1, separators dropped), or '' when it is none. */
export function carClassOf(text: string): string {
  const cleaned = normalizeCarClass(text.replace(/[^A-Za-z0-9ＡＢＣＤＥＦＭＮＰ１２３４５６]/g, ''));
  return parseCarClass(cleaned) ? cleaned : '';
}

/**
 * Every class a licence carries: single codes and combinations (A2D, C1E, A1A2...). No prior: how
 * common a class is never decides between readings; the ink alone must, by the margin.
 */
const CLASS_CANDIDATES: ReadonlyArray<{ text: string }> = (() => {
  const out: Array<{ text: string }> = [];
  for (const a of CAR_CLASSES) {
    out.push({ text: a });
    for (const b of CAR_CLASSES) {
      if (b <= a && !(a.length === 2 && b.length === 1)) continue;
      if (parseCarClass(a + b)) out.push({ text: a + b });
    }
  }
  return out;
})();
