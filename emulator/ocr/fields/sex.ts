import { bestSupported } from './bestSupported';
import { besideLabel, type FieldSpec, textOf } from './FieldSpec';

/** 性别: 男 or 女, one character between the 性别 and 国籍 labels. */
export const sex: FieldSpec = {
  name: 'sex',
  fields: ['sex'],
  label: 'sex',
  formats: ['new', 'old'],
  regions(ctx) {
    const label = ctx.label('sex');
    return [besideLabel(label, label.x1 + 0.1, ctx.label('nationality').x0 - 0.3, 1.0)];
  },
  async read(ctx, [tokens = []], [region]) {
    const fromLine = textOf(tokens).replace(/[^男女]/g, '');
    if (fromLine.length === 1) return { values: { sex: fromLine }, read: textOf(tokens), how: 'line' };
    if (!region) return { values: { sex: '' }, read: '', how: 'none' };
    // Only two readings exist: the one the ink supports clearly better, if either.
    const recs = await ctx.reread(region);
    const best = bestSupported(ctx.engine, recs, [{ text: '男' }, { text: '女' }], 2);
    return {
      values: { sex: best?.text ?? '' },
      read: recs.map((r) => r.text).join('|'),
      how: best ? 'reread' : 'none',
    };
  },
};
