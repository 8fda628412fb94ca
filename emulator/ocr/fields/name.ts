import { bestSupported } from './bestSupported';
import type { Token } from './FieldContext';
import { besideLabel, type FieldSpec, textOf } from './FieldSpec';
import { stepsOf } from './readByGrammar';

/** Wider than a character and a half of the name's face (about 4 mm a character). */
const NAME_GAP_MM = 6;

/** Han characters, or a minority name's parts joined by a middle dot. */
const NAME = /^[\u4e00-\u9fff]{2,6}$|^[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8})+$/;

/**
 * 姓名: the holder's name, in a bold face a little larger than the labels. The line's reading and
 * the region read again are scored on the region's ink, and the likelier taken: a name has no
 * grammar to catch a look-alike character (崔 read as 雀), a second, straight reading does.
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
    // The region read again up to a character past those found (the 性别 label follows).
    const end = tokens.length > 0 ? Math.max(...tokens.map((t) => t.x1)) + 4 : Number.POSITIVE_INFINITY;
    const recs = region ? await ctx.reread({ ...region, x1: Math.min(region.x1, end) }) : [];
    const readings = [fromLine, ...recs.filter((r) => r.confidence >= 0.8).map((r) => cleanName(r.text))];
    const candidates = [...new Set(readings.filter((r) => NAME.test(r)))].map((text) => ({ text }));
    // Each candidate scored on both readings' ink: the line's own steps and the region's.
    const steps = stepsOf(tokens);
    const sources = steps ? [...recs, steps] : recs;
    const best = candidates.length > 1 ? bestSupported(ctx.engine, sources, candidates, 0) : null;
    const value = best?.text ?? candidates[0]?.text ?? '';
    return {
      values: { name: value },
      read: readings.join('|'),
      how: value === '' ? 'none' : value === fromLine ? 'line' : 'reread',
    };
  },
};

/**
 * A name is printed as one run from the label on: characters past a gap wider than a character and
 * a half belong to what follows (the 性别 label misread, a stray mark), not to the name.
 */
export function firstRun(tokens: readonly Token[]): Token[] {
  const start = tokens.findIndex((t) => cleanName(t.text) !== '');
  if (start < 0) return [];
  const run = [tokens[start]!];
  for (const t of tokens.slice(start + 1)) {
    if (t.x0 - run.at(-1)!.x1 > NAME_GAP_MM) break;
    run.push(t);
  }
  return run;
}

/** Han characters and the middle dot (read as . • ・ or ·), nothing else. */
export function cleanName(text: string): string {
  return text
    .replace(/[.•・･‧∙]/g, '·')
    .replace(/[^\u4e00-\u9fff·]/g, '')
    .replace(/^·+|·+$/g, '');
}
