import { DATE_YEARS, readDateValue } from './dateValue';
import { besideLabel, type FieldSpec } from './FieldSpec';

/** 初次领证日期: the date of the holder's first licence, right of the (long) label. */
export const issueDate: FieldSpec = {
  name: 'issue_date',
  fields: ['issue_date'],
  label: 'issueDate',
  formats: ['new', 'old'],
  regions(ctx) {
    const label = ctx.label('issueDate');
    return [besideLabel(label, label.x1 + 0.2, 64, 0.4, ctx.format === 'old' ? 2.2 : 2.6)];
  },
  async read(ctx, [tokens = []], [region]) {
    const { value, read, how, evidence } = await readDateValue(ctx, tokens, region, DATE_YEARS.licence);
    return { values: { issue_date: value }, read, how, evidence };
  },
};
