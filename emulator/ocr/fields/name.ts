import { besideLabel, type FieldSpec, textOf } from './FieldSpec';

/** Han characters, or a minority name's parts joined by a middle dot. */
const NAME = /^[\u4e00-\u9fff]{2,6}$|^[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8})+$/;

/** 姓名: the holder's name, in a bold face a little larger than the labels. */
export const name: FieldSpec = {
  name: 'name',
  fields: ['name'],
  label: 'name',
  formats: ['new', 'old'],
  regions(ctx) {
    const label = ctx.label('name');
    return [besideLabel(label, label.x1 + 0.2, ctx.label('sex').x0 - 0.4, 1.0)];
  },
  async read(ctx, [tokens = []], [region]) {
    const fromLine = cleanName(textOf(tokens));
    if (NAME.test(fromLine)) return { values: { name: fromLine }, read: fromLine, how: 'line' };
    for (const rec of region ? await ctx.reread(region) : []) {
      const text = cleanName(rec.text);
      if (NAME.test(text) && rec.confidence >= 0.8)
        return { values: { name: text }, read: rec.text, how: 'reread' };
    }
    return { values: { name: '' }, read: fromLine, how: 'none' };
  },
};

/** Han characters and the middle dot (read as . • ・ or ·), nothing else. */
export function cleanName(text: string): string {
  return text
    .replace(/[.•・･‧∙]/g, '·')
    .replace(/[^\u4e00-\u9fff·]/g, '')
    .replace(/^·+|·+$/g, '');
}
