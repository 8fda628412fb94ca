/** The one shape a recognized 机动车驾驶证 takes everywhere: cloud functions, database, stub. */
export interface DriverLicense {
  /** 证号: the 18-character citizen number (GB 11643), upper-case X as the check character. */
  idNum: string;
  name: string;
  /** 男 | 女 as printed; anything else is kept and warned about. */
  sex: string;
  nationality: string;
  address: string;
  /** YYYY-MM-DD, or '' when upstream gave nothing parseable. */
  birthDate: string;
  /** 初次领证日期, YYYY-MM-DD. */
  issueDate: string;
  /** 准驾车型, upper-case, e.g. C1, A2D, C1E. */
  carClass: string;
  /** YYYY-MM-DD. */
  validFrom: string;
  /** YYYY-MM-DD, or null for a long-term (长期) licence. */
  validTo: string | null;
  /** The validity exactly as upstream gave it (e.g. '6年', '长期', '2026-01-02'), kept for audit. */
  validPeriodRaw: string;
  officialSeal: string;
}

export const WARNING_CODES = [
  'ID_NUM_CHECK_DIGIT',
  'ID_NUM_FORMAT',
  'BIRTH_DATE_MISMATCH',
  'UNKNOWN_CAR_CLASS',
  'VALID_TO_BEFORE_VALID_FROM',
  'ISSUE_DATE_AFTER_VALID_FROM',
  'ISSUED_UNDER_AGE',
  'UNKNOWN_SEX',
  'UNPARSEABLE_DATE',
  'MISSING_FIELD',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface LicenseWarning {
  code: WarningCode;
  /** Which DTO field the warning is about. */
  field: keyof DriverLicense;
  /** Plain explanation; never contains the full licence number or name. */
  message: string;
}
