import type { Token } from './FieldContext';
import { besideLabel, type FieldSpec, textOf } from './FieldSpec';

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
  async read(_ctx, [first = [], second = []]) {
    const text = [first, second].map((tokens) => clean(tokens)).join('');
    return {
      values: { address: text.length >= 4 ? text : '' },
      read: text,
      how: text.length >= 4 ? 'line' : 'none',
    };
  },
};

/** Han, digits, Latin and the punctuation addresses use; stray marks and the glosses' letters dropped. */
function clean(tokens: readonly Token[]): string {
  return textOf(tokens.filter((t) => t.confidence >= 0.3))
    .replace(/[^\u4e00-\u9fff0-9A-Za-z\-—()（）#·]/g, '')
    .replace(/^(Address|ddress|Adress)/, '');
}
