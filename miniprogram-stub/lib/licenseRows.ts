import type { DriverLicense, DriverLicenseRecord } from '../../src/api';
import { maskAddress, maskIdNum, maskName } from './mask';
import { FIELD_LABELS } from './messages';

/** One line of the result card; `shown` is what the view renders (masked until revealed). */
export interface LicenseRow {
  key: keyof DriverLicense;
  label: string;
  value: string;
  masked: string;
  sensitive: boolean;
  revealed: boolean;
  shown: string;
}

const MASKERS: Partial<Record<keyof DriverLicense, (value: string) => string>> = {
  idNum: maskIdNum,
  name: maskName,
  address: maskAddress,
};

const ORDER: (keyof DriverLicense)[] = [
  'idNum',
  'name',
  'sex',
  'nationality',
  'address',
  'birthDate',
  'issueDate',
  'carClass',
  'validFrom',
  'validTo',
  'officialSeal',
];

function display(license: DriverLicense, key: keyof DriverLicense): string {
  if (key === 'validTo') return license.validTo ?? '长期';
  return license[key] ?? '';
}

export function licenseRows(license: DriverLicense): LicenseRow[] {
  return ORDER.map((key) => {
    const value = display(license, key);
    const mask = MASKERS[key];
    const masked = mask && value !== '' ? mask(value) : value;
    return {
      key,
      label: FIELD_LABELS[key],
      value,
      masked,
      sensitive: mask !== undefined,
      revealed: false,
      shown: masked,
    };
  });
}

/** Tapping a sensitive row flips it between masked and revealed. */
export function toggleRow(row: LicenseRow): LicenseRow {
  if (!row.sensitive) return row;
  const revealed = !row.revealed;
  return { ...row, revealed, shown: revealed ? row.value : row.masked };
}

/** A saved licence as the records list shows it: never the full number or name. */
export interface RecordRow {
  id: string;
  idNum: string;
  name: string;
  carClass: string;
  validTo: string;
  updatedAt: string;
  warningCount: number;
}

export function recordRow(record: DriverLicenseRecord): RecordRow {
  const { license } = record;
  return {
    id: record.id,
    idNum: maskIdNum(license.idNum),
    name: maskName(license.name),
    carClass: license.carClass,
    validTo: license.validTo ?? '长期',
    updatedAt: record.updatedAt.slice(0, 10),
    warningCount: record.warnings.length,
  };
}
