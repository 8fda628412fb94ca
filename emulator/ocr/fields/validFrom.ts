import { DATE_YEARS, readDateValue } from './dateValue';
import { besideLabel, type FieldSpec } from './FieldSpec';

/** 有效起始日期 (old card only): the start of the current validity period. */
export const validFrom: FieldSpec = {
  name: 'valid_from',
  fields: ['valid_from'],
  label: 'validFrom',
  formats: ['old'],
  regions(ctx) {
    const label = ctx.label('validFrom');
    return [besideLabel(label, label.x1 + 0.2, 64, 0.4, 2.2)];
  },
  async read(ctx, [tokens = []], [region]) {
    const { value, read, how, evidence } = await readDateValue(ctx, tokens, region, DATE_YEARS.licence);
    return { values: { valid_from: value }, read, how, evidence };
  },
};
