import { bestSupported } from './bestSupported';
import { beginsWithProvince, divisionDepth, divisionSpellings } from './divisions';
import type { FieldContext, Token, ValueRegion } from './FieldContext';
import { besideLabel, type FieldSpec, textOf } from './FieldSpec';
import { holeInLine } from './holeInLine';
import { mergeReadings } from './mergeReadings';
import { stepsOf } from './readByGrammar';
import { CHAR_MM, readsBeyond } from './readsBeyond';

/** 住址: one line right of the label, a long one wrapping under it (left of the holder's photo). */
export const address: FieldSpec = {
  name: 'address',
  fields: ['address'],
  label: 'address',
  formats: ['new', 'old'],
  regions(ctx) {
    const label = ctx.label('address');
    const first = besideLabel(label, label.x1 + 0.2, 86, 1.0);
    const second = besideLabel(label, label.x0 + 3, 64, 6.0, 2.4);
    return [first, second];
  },
  async read(ctx, tokens, regions) {
    const lines: string[] = [];
    let how: 'line' | 'reread' = 'line';
    let holed = false;
    // A second line read where the detector found no first one: the first is looked for in its
    // ink, a line above the second's characters (their row carries the print's misregistration).
    const [firstRegion, secondRegion] = regions;
    const below = tokens[1] ?? [];
    const missedAt =
      (tokens[0] ?? []).length === 0 && below.length > 0 && firstRegion && secondRegion
        ? mean(below.map((t) => t.y)) - (secondRegion.cy - firstRegion.cy)
        : undefined;
    for (const [i, region] of regions.entries()) {
      const own = tokens[i] ?? [];
      const missed = i === 0 && missedAt !== undefined;
      if (own.length === 0 && !missed) continue;
      const line = await readLine(ctx, own, region, i === 0, missed ? missedAt : undefined);
      // Found by its ink alone, it must begin as an address does: else the second line would stand
      // for the whole address (8栋6单元403室), plausible and wrong.
      if (missed && !beginsAsAddress(line.text))
        return { values: { address: '' }, read: `${line.text} (no first line)`, how: 'none' };
      lines.push(line.text);
      if (line.reread || missed) how = 'reread';
      holed ||= line.holed;
    }
    const text = lines.join('');
    // Read on past a hole in its print, an address loses words and still reads as one: left empty.
    if (holed) return { values: { address: '' }, read: `${text} (a hole in its print)`, how: 'none' };
    return {
      values: { address: text.length >= 4 ? text : '' },
      read: text,
      how: text.length >= 4 ? how : 'none',
    };
  },
};

/** A province as printed (河北省, 内蒙古自治区), or a whole division (a county after its prefecture). */
const beginsAsAddress = (text: string) => beginsWithProvince(text) || divisionDepth(text) > 0;

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * Nats for each level a first line begins with as a real place (the division, then one of its
 * townships): every licence address begins with a division, so where the ink reads a real name
 * and a near-miss spelling about equally well (a blurred 秦 as 泰, the rare 冢 as 家), the real
 * name wins; a spelling the ink clearly prefers still stands.
 */
const PLACE_PRIOR = 8;

/**
 * One printed line of the address: the detector's reading, the region read again twice and their
 * merge are scored on the region's ink, and the likeliest taken (each reading may drop a different
 * character of a long line).
 */
async function readLine(
  ctx: FieldContext,
  tokens: readonly Token[],
  region: ValueRegion,
  first: boolean,
  /** Where the line is centred (mm) when the detector found none of its characters. */
  at?: number,
): Promise<{ text: string; reread: boolean; holed: boolean }> {
  const fromLine = clean(textOf(tokens.filter((t) => t.confidence >= 0.3)), first);
  // The region's height and span from the characters found, so the crop holds just this line.
  const cy = at ?? mean(tokens.map((t) => t.y));
  // A character past the last one found (the detector's box sometimes stops a character short),
  // not the region's whole width: beyond the text lie the dotted rule, read as 一, and on a
  // tilted print the other line's end.
  const end = tokens.length > 0 ? Math.max(...tokens.map((t) => t.x1)) : region.x0;
  // The detector's box may also stop several characters short (glare over them): the line's
  // ink, followed on from the last character found, says where it ends.
  const inkEnd = lineInkEnd(ctx, region, cy, end);
  const crop = {
    x0: region.x0,
    x1: Math.min(region.x1, Math.max(end + 4, inkEnd + 1.5)),
    y0: cy - 2.4,
    y1: cy + 2.4,
  };
  const recs = await ctx.reread(crop);
  const holed = holeInLine([{ chars: tokens }, ...recs]) !== null;
  const readings = [fromLine, ...recs.map((r) => clean(r.text, first))].filter((r) => r.length >= 2);
  const merged = mergeReadings(readings);
  // The first line begins with the division: its real spellings near what was read are candidates too.
  const divisions = first ? [...readings, merged].flatMap(divisionSpellings) : [];
  const candidates = [...new Set([...readings, merged, ...divisions])].map((text) => ({
    text,
    prior: first ? PLACE_PRIOR * divisionDepth(text) : 0,
  }));
  // The second line's own steps score the candidates too, where they saw the whole line: a re-read
  // that lost a thin 1 at its start had outvoted the line that read it. Not the first line's: its
  // place prior was weighed against the re-reads alone, and a second witness of the same ink
  // outvoted it for the misread spelling (蒲圳 for 深圳).
  const steps = stepsOf(tokens);
  const line = { text: fromLine, chars: tokens };
  const sawAll =
    steps !== null &&
    !first &&
    inkEnd - end <= CHAR_MM &&
    recs.every((r) => !readsBeyond(r, line, (char) => clean(char, false) !== ''));
  const best = bestSupported(ctx.engine, sawAll ? [...recs, steps] : recs, candidates, 0);
  return best
    ? { text: best.text, reread: best.text !== fromLine, holed }
    : { text: fromLine, reread: false, holed };
}

/** Ink narrower than this is a speck, not a character; a gap wider than this ends the line's print. */
const SPECK_MM = 0.5;
const GAP_MM = 6;

/**
 * Where the print of the line centred at `cy` ends (mm): its ink (columns with a stroke across the
 * characters' middles, clear of the dotted rule below) followed on from `end`, the last character
 * found, while the gaps stay under a character and a half.
 */
export function lineInkEnd(ctx: FieldContext, region: ValueRegion, cy: number, end: number): number {
  const spans = ctx
    .inkSpans({ x0: region.x0, x1: region.x1, y0: cy - 1.3, y1: cy + 1.3 })
    .filter((s) => s.x1 - s.x0 >= SPECK_MM);
  let last = end;
  for (const s of spans) {
    if (s.x1 <= last) continue;
    if (s.x0 - last > GAP_MM) break;
    last = s.x1;
  }
  return last;
}

/**
 * Han, digits, Latin and the punctuation addresses use; stray marks and the glosses' letters
 * dropped. The first line begins with a place name, so with a Han character: Latin before it is
 * the tail of the label's gloss (Address), and a 址 at its start (with the character before it,
 * 住 however misread) is the label itself, read with the value when the label was not found.
 */
export function clean(text: string, first: boolean): string {
  return text
    .replace(/[^\u4e00-\u9fff0-9A-Za-z\-—()（）#·]/g, '')
    .replace(first ? /^[^\u4e00-\u9fff]+/ : /^(Address|ddress|Adress)/, '')
    .replace(first ? /^[\u4e00-\u9fff]?址(?=[\u4e00-\u9fff])/ : /^$/, '')
    .replace(/^[^\u4e00-\u9fff0-9A-Za-z]+|[^\u4e00-\u9fff0-9A-Za-z]+$/g, '');
}
