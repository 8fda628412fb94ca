import type { DriverLicense, OcrDriverLicenseResult } from '../../src/api';
import { maskAddress, maskIdNumber, maskName } from '../../src/domain/maskPersonal';

/** What `npm run ocr` reports per input: one JSON line with --json, a block of text without. */
export type ResultLine =
  | ({ file: string } & Extract<OcrDriverLicenseResult, { ok: true }>)
  | { file: string; ok: false; error: { code: string; message: string } };

/** The licence number, name and address masked as everywhere else, unless the user asked to see them. */
export function shown(line: ResultLine, reveal: boolean): ResultLine {
  if (!line.ok || reveal) return line;
  const { license } = line;
  return {
    ...line,
    license: {
      ...license,
      idNum: maskIdNumber(license.idNum),
      name: maskName(license.name),
      address: maskAddress(license.address),
    },
  };
}

const LABELS: [keyof DriverLicense, string][] = [
  ['idNum', '证号 No.'],
  ['name', '姓名 Name'],
  ['sex', '性别 Sex'],
  ['nationality', '国籍 Nationality'],
  ['address', '住址 Address'],
  ['birthDate', '出生日期 Birth'],
  ['issueDate', '初次领证 First issue'],
  ['carClass', '准驾车型 Class'],
  ['validFrom', '有效起始 Valid from'],
  ['validTo', '有效期至 Valid to'],
  ['officialSeal', '发证机关 Seal'],
];

/** A long-term licence's end: 长期 as printed, with the raw period only when it says more. */
function validToText(license: DriverLicense): string {
  if (license.validTo !== null) return license.validTo;
  const raw = license.validPeriodRaw.trim();
  return raw === '' || raw === '长期' ? '长期' : `长期 (${raw})`;
}

export function readable(line: ResultLine, reveal: boolean): string {
  if (!line.ok) return `${line.file}: ${line.error.code}: ${line.error.message}`;
  const { license } = shown(line, reveal) as Extract<ResultLine, { ok: true }>;
  const origin = line.cached ? 'cached: this photo was read before, no quota spent' : 'read now';
  const record = `${line.created ? 'new record' : 'record updated'} ${line.id}`;
  const rows = LABELS.map(([key, label]) => {
    const value = key === 'validTo' ? validToText(license) : String(license[key] ?? '');
    return `  ${padDisplay(label, 24)} ${value === '' ? '(empty)' : value}`;
  });
  if (!reveal) rows.push('  (licence number, name and address masked; --reveal shows them)');
  const warnings = line.warnings.map((w) => `  ! ${w.code}: ${w.message}`);
  return [`${line.file}: ok (${record}; ${origin})`, ...rows, ...warnings].join('\n');
}

/** Pads to a terminal width, counting CJK characters as two columns. */
function padDisplay(text: string, columns: number): string {
  const width = [...text].reduce((sum, char) => sum + (char.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, columns - width));
}
