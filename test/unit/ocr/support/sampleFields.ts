import type { LicenseFields } from '../../../../emulator/ocr/reconcileFields';

/** The fields of one consistent new-style licence: a woman born 1949-12-31, in her second period. */
export const SAMPLE_FIELDS: LicenseFields = {
  id_num: '11010519491231002X',
  name: '欧阳·明',
  sex: '女',
  nationality: '中国',
  address: '北京市朝阳区建国路88号院3号楼2单元501室',
  birth_date: '1949-12-31',
  issue_date: '2010-03-02',
  car_class: 'C1',
  valid_from: '2016-03-02',
  valid_to: '2026-03-02',
};
