import type {
  DriverLicense,
  DriverLicenseRecord,
  DriverLicensesResult,
  ErrorCode,
  LicenseWarning,
  OcrDriverLicenseResult,
} from '../../src/api';

/**
 * Shape checks for what wx.cloud.callFunction hands back as `result` (typed as anything by the
 * platform). They check what the pages read, not every field; a mismatch means the deployed
 * function and the client disagree, which the pages show as BAD_RESPONSE.
 */
type Failure = Extract<OcrDriverLicenseResult, { ok: false }>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STRING_FIELDS = [
  'idNum',
  'name',
  'sex',
  'nationality',
  'address',
  'birthDate',
  'issueDate',
  'carClass',
  'validFrom',
  'validPeriodRaw',
  'officialSeal',
] as const;

export function isDriverLicense(value: unknown): value is DriverLicense {
  if (!isObject(value)) return false;
  if (!STRING_FIELDS.every((key) => typeof value[key] === 'string')) return false;
  return value.validTo === null || typeof value.validTo === 'string';
}

function isWarnings(value: unknown): value is LicenseWarning[] {
  return (
    Array.isArray(value) &&
    value.every((w) => isObject(w) && typeof w.code === 'string' && typeof w.field === 'string')
  );
}

function asFailure(value: Record<string, unknown>): Failure | null {
  if (value.ok !== false || typeof value.code !== 'string') return null;
  const message = typeof value.message === 'string' ? value.message : '';
  // The code is kept as sent; messages.ts falls back to INTERNAL for one it does not know.
  return { ok: false, code: value.code as ErrorCode, message };
}

export function parseOcrResult(value: unknown): OcrDriverLicenseResult | null {
  if (!isObject(value)) return null;
  if (value.ok !== true) return asFailure(value);
  if (typeof value.id !== 'string' || !isDriverLicense(value.license) || !isWarnings(value.warnings)) {
    return null;
  }
  return {
    ok: true,
    id: value.id,
    created: value.created === true,
    cached: value.cached === true,
    license: value.license,
    warnings: value.warnings,
  };
}

function isRecord(value: unknown): value is DriverLicenseRecord {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    isDriverLicense(value.license) &&
    isWarnings(value.warnings) &&
    typeof value.updatedAt === 'string'
  );
}

export function parseDriverLicensesResult(value: unknown): DriverLicensesResult | null {
  if (!isObject(value)) return null;
  if (value.ok !== true) return asFailure(value);
  if (value.action === 'list') {
    if (!Array.isArray(value.records) || !value.records.every(isRecord)) return null;
    const records = value.records;
    const total = typeof value.total === 'number' ? value.total : records.length;
    const limit = typeof value.limit === 'number' ? value.limit : records.length;
    const offset = typeof value.offset === 'number' ? value.offset : 0;
    return { ok: true, action: 'list', records, total, limit, offset };
  }
  if (value.action === 'delete' && typeof value.id === 'string' && value.deleted === true) {
    return { ok: true, action: 'delete', id: value.id, deleted: true };
  }
  if (value.action === 'get' && isRecord(value.record)) {
    return { ok: true, action: 'get', record: value.record };
  }
  if (value.action === 'uploadPath' && typeof value.cloudPath === 'string' && value.cloudPath !== '') {
    return { ok: true, action: 'uploadPath', cloudPath: value.cloudPath };
  }
  return null;
}
