import { DATE_YEARS, readDateValue } from './dateValue';
import { besideLabel, type FieldSpec } from './FieldSpec';

/** 出生日期: YYYY-MM-DD in the number face, right of the label, beside the seal. */
export const birthDate: FieldSpec = {
  name: 'birth_date',
  fields: ['birth_date'],
  label: 'birthDate',
  formats: ['new', 'old'],
  regions(ctx) {
    const label = ctx.label('birthDate');
    return [besideLabel(label, label.x1 + 0.2, 64, 0.5, ctx.format === 'old' ? 2.2 : 2.6)];
  },
  async read(ctx, [tokens = []], [region]) {
    const { value, read, how, evidence } = await readDateValue(ctx, tokens, region, DATE_YEARS.birth);
    return { values: { birth_date: value }, read, how, evidence };
  },
};
