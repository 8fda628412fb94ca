import type { FieldValues } from '../../../emulator/ocr/fields/readFields';
import { reconcile } from '../../../emulator/ocr/fields/reconcile';

const READ: FieldValues = {
  id_num: '150402199902223122',
  name: '谢乐桃',
  sex: '女',
  nationality: '中国',
  address: '内蒙古自治区赤峰市33号',
  birth_date: '1999-02-22',
  issue_date: '2015-06-18',
  car_class: 'C1',
  valid_from: '2015-06-18',
  valid_to: '2021-06-18',
};

describe('reconcile', () => {
  it('fills the birth date and sex the valid number encodes when their own ink was not legible', () => {
    const { values, derived } = reconcile({ ...READ, birth_date: '', sex: '' });
    expect([values.birth_date, values.sex]).toEqual(['1999-02-22', '女']);
    expect(derived.map((d) => d.field)).toEqual(['birth_date', 'sex']);
  });

  it('keeps what the card prints, even against the number', () => {
    expect(reconcile({ ...READ, sex: '男' }).values.sex).toBe('男');
  });

  it('derives nothing from a number whose check character fails', () => {
    expect(reconcile({ ...READ, id_num: '150402199902223123', sex: '' }).values.sex).toBe('');
  });

  it.each(['name', 'address', 'valid_to', 'issue_date'] as const)('never fills %s', (field) => {
    expect(reconcile({ ...READ, [field]: '' }).values[field]).toBe('');
  });
});
