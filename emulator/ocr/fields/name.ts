import type { Recognized } from '../text/recognizeText';
import { bestSupported } from './bestSupported';
import { beginsWithProvince } from './divisions';
import type { FieldContext, Token, ValueRegion } from './FieldContext';
import { besideLabel, type FieldSpec, textOf } from './FieldSpec';
import { stepsOf } from './readByGrammar';
import { CHAR_MM, type Reading, readsBeyond } from './readsBeyond';
import { beginsWithSurname, SURNAMES } from './surnames';

/** Wider than a character and a half of the name's face (about 4 mm a character). */
const NAME_GAP_MM = 6;

/** Han characters, or a minority name's parts joined by a middle dot. */
const NAME = /^[\u4e00-\u9fff]{2,6}$|^[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8})+$/;

/**
 * 姓名: the holder's name, in a bold face a little larger than the labels. The line's reading and
 * the region read again are scored on the region's ink, and the likelier taken: a name's only
 * grammar is its surname (白 blurred into 自); a look-alike further on (崔 read as 雀) only a
 * second, straight reading catches.
 */
export const name: FieldSpec = {
  name: 'name',
  fields: ['name'],
  label: 'name',
  formats: ['new', 'old'],
  regions(ctx) {
    const label = ctx.label('name');
    return [besideLabel(label, label.x1 + 0.2, ctx.label('sex').x0 - 0.4, 1.0)];
  },
  async read(ctx, [found = []], [region]) {
    const tokens = firstRun(found);
    const fromLine = cleanName(textOf(tokens));
    // Where the name's ink runs: the detector may have missed a character of it (wide spacing).
    const ink = region ? nameInk(ctx, region, tokens) : null;
    const tokenEnd = tokens.length > 0 ? Math.max(...tokens.map((t) => t.x1)) : null;
    // The region read again to a little past the name (the 性别 label follows).
    const end = ink ? Math.max(ink.x1, tokenEnd ?? ink.x1) + 1.5 : (tokenEnd ?? Number.POSITIVE_INFINITY) + 4;
    const recs = region ? await ctx.reread({ ...region, x1: Math.min(region.x1, end) }) : [];
    const readings: Reading[] = [
      { text: fromLine, chars: tokens },
      ...recs.filter((r) => trusted(r, recs)).map((r) => ({ text: cleanName(r.text), chars: r.chars })),
    ];
    // A reading that leaves a character's width of the name's ink unread dropped a character.
    const whole = readings.filter((r) => !ink || inkLeftUnread(r, ink) <= CHAR_MM);
    const kept = whole.length > 0 ? whole : readings;
    // A character no reading holds is added by the ink alone: no surname prior helps it win.
    const lost = ink && whole.length === 0 ? lostSurname(ctx, recs, readings, ink) : null;
    const candidates = [
      ...nameCandidates(kept.map((r) => r.text)),
      ...(lost ? [{ text: lost, prior: 0 }] : []),
    ];
    // Each candidate scored on both readings' ink: the region's, and the line's own steps where
    // they cover the name (steps short of a character would favour the reading that dropped it:
    // a re-read holding more of the name's characters read one they never saw).
    const steps = stepsOf(tokens);
    const covered =
      (!ink || inkLeftUnread(readings[0]!, ink) <= CHAR_MM) &&
      readings.every(
        (r) => !readsBeyond(r, readings[0]!, isNameChar) && nameChars(r) <= nameChars(readings[0]!),
      );
    const sources = steps && covered ? [...recs, steps] : recs;
    const best = candidates.length > 1 ? bestSupported(ctx.engine, sources, candidates, 0) : null;
    const value = best?.text ?? candidates[0]?.text ?? '';
    return {
      values: { name: value },
      read: readings.map((r) => r.text).join('|'),
      how: value === '' ? 'none' : value === fromLine ? 'line' : 'reread',
    };
  },
};

/** A Han name: two to four characters, no middle dot (minority names have no surname to expect). */
const HAN_NAME = /^[\u4e00-\u9fff]{2,4}$/;

/**
 * Nats for a Han name that begins with a common surname: where the ink reads a surname and a
 * look-alike that is none about equally well (白 as 自, 宋 as 市), the surname wins; a first
 * character the ink clearly shows stands, surname or not.
 */
const SURNAME_PRIOR = 4;

/**
 * The readings that spell a name, and each two- or three-character Han one that does not begin
 * with a surname with every surname in its place, for the ink to score (with the surname's prior).
 * A reading that begins with a province (河北省…) is the address row's ink, read where the name's
 * region was placed on it: no name.
 */
export function nameCandidates(readings: readonly string[]): Array<{ text: string; prior: number }> {
  const texts = [...new Set(readings.filter((t) => NAME.test(t) && !beginsWithProvince(t)))];
  const respelled = texts.flatMap((text) => {
    const chars = [...text];
    if (chars.length > 3 || !HAN_NAME.test(text) || beginsWithSurname(text)) return [];
    return [...SURNAMES].map((s) => s + chars.slice(1).join(''));
  });
  return [...new Set([...texts, ...respelled])].map((text) => ({
    text,
    prior: HAN_NAME.test(text) && beginsWithSurname(text) ? SURNAME_PRIOR : 0,
  }));
}

/**
 * The name with its surname, where every reading began a character's width or more into the
 * name's ink and read it to its end: the first character, faint under glare, was dropped. Each
 * surname is tried before the readings on the re-reads' ink; one is taken only when it reads
 * there clearly better than every other (by the surname prior), so ink no surname fits adds none.
 */
function lostSurname(
  ctx: FieldContext,
  recs: readonly Recognized[],
  readings: readonly Reading[],
  ink: { x0: number; x1: number },
): string | null {
  const droppedFirst = readings.every((r) => {
    const { before, after } = unreadEnds(r, ink);
    return before > CHAR_MM && after <= CHAR_MM;
  });
  if (!droppedFirst || recs.length === 0) return null;
  const rests = new Set(readings.map((r) => r.text).filter((t) => /^[\u4e00-\u9fff]{1,3}$/.test(t)));
  const options = [...rests].flatMap((rest) => [...SURNAMES].map((s) => ({ text: s + rest })));
  return bestSupported(ctx.engine, recs, options, SURNAME_PRIOR)?.text ?? null;
}

/** Mean confidence at which a re-read name is a candidate on its own, and with the other re-read agreeing. */
const SURE = 0.8;
const AGREED = 0.6;

/**
 * A re-read is a candidate when read confidently, or fairly so and alike from the ink as it is and
 * evened against the paper (glare or shadow over the name lowers both readings' confidence).
 */
function trusted(rec: Recognized, recs: readonly Recognized[]): boolean {
  if (rec.confidence >= SURE) return true;
  const text = cleanName(rec.text);
  return rec.confidence >= AGREED && text !== '' && recs.some((r) => r !== rec && cleanName(r.text) === text);
}

/** Ink narrower than this is a speck; a run of a name begins with more than a dot's width. */
const SPECK_MM = 0.5;
const DOT_MM = 1.2;

/**
 * The name's ink along its row (mm): from the first character read (or the first print after the
 * label) on, while gaps stay under NAME_GAP_MM. A band across the characters' middles keeps the
 * dotted rule below them out.
 */
function nameInk(
  ctx: FieldContext,
  region: ValueRegion,
  tokens: readonly Token[],
): { x0: number; x1: number } | null {
  const y = tokens.length > 0 ? tokens.reduce((s, t) => s + t.y, 0) / tokens.length : region.cy;
  // Specks (noise, the end of the label's last stroke) are no characters; the dot of a minority
  // name is, but never its first.
  const spans = ctx
    .inkSpans({ x0: region.x0, x1: region.x1, y0: y - 1.3, y1: y + 1.3 })
    .filter((s) => s.x1 - s.x0 >= SPECK_MM);
  // The run the first character read lies in (any print before a wide gap is a stray mark).
  const from = tokens[0]?.x0 ?? region.x0;
  let run: { x0: number; x1: number } | null = null;
  for (const s of spans) {
    if (run && s.x0 - run.x1 <= NAME_GAP_MM) run.x1 = s.x1;
    else if (s.x1 - s.x0 < DOT_MM) continue;
    else if (!run || run.x1 < from) run = { x0: s.x0, x1: s.x1 };
    else break;
  }
  return run;
}

/**
 * How much of the ink's run (mm) a reading's characters leave out, at the worse end: a re-read's
 * character boxes come from its CTC steps and fall short of the ink at both ends by a little.
 */
export function inkLeftUnread(reading: Reading, ink: { x0: number; x1: number }): number {
  const { before, after } = unreadEnds(reading, ink);
  return Math.max(0, before, after);
}

/** The ink's run (mm) before a reading's first character and after its last (all of it, read as nothing). */
function unreadEnds(reading: Reading, ink: { x0: number; x1: number }): { before: number; after: number } {
  const han = reading.chars.filter((c) => isNameChar(c.text));
  if (han.length === 0) return { before: ink.x1 - ink.x0, after: ink.x1 - ink.x0 };
  return { before: han[0]!.x0 - ink.x0, after: ink.x1 - han.at(-1)!.x1 };
}

/**
 * A name is printed as one run from the label on: characters past a gap wider than a character and
 * a half belong to what follows (the 性别 label misread, a stray mark), not to the name.
 */
export function firstRun(tokens: readonly Token[]): Token[] {
  const start = tokens.findIndex((t) => isNameChar(t.text));
  if (start < 0) return [];
  const run = [tokens[start]!];
  for (const t of tokens.slice(start + 1)) {
    if (t.x0 - run.at(-1)!.x1 > NAME_GAP_MM) break;
    run.push(t);
  }
  return run;
}

/**
 * Han characters and the middle dot (read as . • ・ or ·), nothing else; a 名 before them is the
 * label's last character read with the value (no surname is 名).
 */
export function cleanName(text: string): string {
  return text
    .replace(/[.•・･‧∙]/g, '·')
    .replace(/[^\u4e00-\u9fff·]/g, '')
    .replace(/^·+|·+$/g, '')
    .replace(/^姓?名(?=[\u4e00-\u9fff]{2})/, '');
}

/** Whether a character read counts as part of a name (not a stray mark or a letter). */
const isNameChar = (char: string) => cleanName(char) !== '';

/** How many characters of a name a reading holds. */
const nameChars = (r: Reading) => r.chars.filter((c) => isNameChar(c.text)).length;
