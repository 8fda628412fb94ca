import type { DriverLicense, LicenseWarning, WarningCode } from './DriverLicense';
import { normalizeSex } from './normalizeSex';
import { parseDate } from './parseDate';
import { parseValidity } from './parseValidity';
import { readOwnValue } from './readOwnValue';
import { isValidCarClass, normalizeCarClass } from './rules/carClass';
import { birthDateFromIdNumber, checkDigit, hasIdNumberShape, normalizeIdNumber } from './rules/idNumber';
import { collapseSpaces, normalizeFreeText, toHalfWidth } from './rules/normalizeText';

export { isRecognizedLicense } from './isRecognizedLicense';

/** Upstream field -> its key in the cloud call (camelCase) and in the HTTPS API (snake_case). */
const UPSTREAM_KEYS = {
  idNum: ['idNum', 'id_num'],
  name: ['name', 'name'],
  sex: ['sex', 'sex'],
  nationality: ['nationality', 'nationality'],
  address: ['address', 'address'],
  birthDate: ['birthDate', 'birth_date'],
  issueDate: ['issueDate', 'issue_date'],
  carClass: ['carClass', 'car_class'],
  validFrom: ['validFrom', 'valid_from'],
  validTo: ['validTo', 'valid_to'],
  officialSeal: ['officialSeal', 'official_seal'],
} as const;
type UpstreamField = keyof typeof UPSTREAM_KEYS;

/** Fields without which a licence is not usable. */
export const REQUIRED_FIELDS = ['idNum', 'name', 'carClass', 'validFrom', 'validTo'] as const;

/** Every field the card prints, in its order: MISSING_FIELD when empty (validTo null is 长期, not missing). */
const PRINTED_FIELDS = [
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
] as const;

/**
 * A value as text. Strings as given; safe integers as digits (some payloads carry 19901221 as a
 * number); anything else (null, objects, arrays, booleans, floats, unsafe integers whose digits
 * were already lost) is ''.
 */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'bigint') return String(value);
  return '';
}

/**
 * Mixed casings: camelCase is read first, snake_case second, and the first value that is not
 * empty after trimming wins. So an empty camelCase key never hides a filled snake_case one, and
 * when both are filled the camelCase value (what the SDK returns) is used.
 */
function readUpstream(raw: unknown): Record<UpstreamField, string> {
  const fields = {} as Record<UpstreamField, string>;
  for (const field of Object.keys(UPSTREAM_KEYS) as UpstreamField[]) {
    const texts = UPSTREAM_KEYS[field].map((key) => collapseSpaces(asText(readOwnValue(raw, key))));
    fields[field] = texts.find((text) => text !== '') ?? '';
  }
  return fields;
}

const CJK_DOT =
  /(?<=[\u3400-\u9fff])[.•・･‧∙]\s*(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])\s*[.•・･‧∙](?=[\u3400-\u9fff])/gu;

/** '张 三' -> '张三'; '阿依古丽・买买提' / '阿依古丽.买买提' -> '阿依古丽·买买提'. */
function normalizeName(raw: string): string {
  return normalizeFreeText(toHalfWidth(raw)).replace(CJK_DOT, '·');
}

function warning(code: WarningCode, field: keyof DriverLicense, message: string): LicenseWarning {
  return { code, field, message };
}

/** Reads one date field; pushes UNPARSEABLE_DATE when there was text but no date. */
function readDate(text: string, field: 'birthDate' | 'issueDate', warnings: LicenseWarning[]): string {
  const parsed = parseDate(text);
  if (parsed.kind === 'invalid') {
    warnings.push(
      warning('UNPARSEABLE_DATE', field, `${field} is not a valid calendar date (expected e.g. 1990-12-21)`),
    );
  }
  return parsed.kind === 'date' ? parsed.date : '';
}

function checkIdNumber(license: DriverLicense, warnings: LicenseWarning[]): void {
  const { idNum } = license;
  if (idNum === '') return;
  if (!hasIdNumberShape(idNum)) {
    warnings.push(
      warning(
        'ID_NUM_FORMAT',
        'idNum',
        `licence number has ${[...idNum].length} characters; expected 17 digits then a digit or X`,
      ),
    );
    return;
  }
  const encodedBirth = birthDateFromIdNumber(idNum);
  if (encodedBirth === '') {
    warnings.push(warning('ID_NUM_FORMAT', 'idNum', 'licence number digits 7-14 are not a calendar date'));
  }
  if (checkDigit(idNum.slice(0, 17)) !== idNum[17]) {
    warnings.push(
      warning('ID_NUM_CHECK_DIGIT', 'idNum', 'licence number check character does not match (GB 11643)'),
    );
  }
  if (encodedBirth !== '' && license.birthDate !== '' && encodedBirth !== license.birthDate) {
    warnings.push(
      warning(
        'BIRTH_DATE_MISMATCH',
        'birthDate',
        'birthDate differs from the birth date encoded in the licence number',
      ),
    );
  }
}

/**
 * Turns a WeChat driving-licence OCR result (cloud call camelCase, HTTPS snake_case, or a mix) into
 * the one normalized DTO plus warnings. Never throws: non-objects read as empty, errcode/errmsg and
 * unknown keys are ignored, missing fields are ''. Warnings never carry the number or the name.
 */
export function toDriverLicense(raw: unknown): { license: DriverLicense; warnings: LicenseWarning[] } {
  const upstream = readUpstream(raw);
  const warnings: LicenseWarning[] = [];

  const sexText = normalizeFreeText(upstream.sex);
  const sex = normalizeSex(sexText) ?? sexText;
  const validity = parseValidity(upstream.validFrom, upstream.validTo);

  const license: DriverLicense = {
    idNum: normalizeIdNumber(upstream.idNum),
    name: normalizeName(upstream.name),
    sex,
    nationality: normalizeFreeText(upstream.nationality),
    address: normalizeFreeText(upstream.address),
    birthDate: readDate(upstream.birthDate, 'birthDate', warnings),
    issueDate: readDate(upstream.issueDate, 'issueDate', warnings),
    carClass: upstream.carClass === '' ? '' : normalizeCarClass(upstream.carClass),
    validFrom: validity.validFrom,
    validTo: validity.validTo,
    validPeriodRaw: validity.validPeriodRaw,
    officialSeal: normalizeFreeText(upstream.officialSeal),
  };

  for (const problem of validity.problems) {
    const message =
      problem.reason === 'unparseable'
        ? `${problem.field} is not a valid date, period (6年, 10年) or 长期`
        : 'validity period in years needs a readable validFrom to compute validTo';
    warnings.push(warning('UNPARSEABLE_DATE', problem.field, message));
  }
  const unreadable = new Set<string>(validity.problems.map((problem) => problem.field));

  checkIdNumber(license, warnings);
  if (license.carClass !== '' && !isValidCarClass(license.carClass)) {
    warnings.push(
      warning('UNKNOWN_CAR_CLASS', 'carClass', 'carClass is not a known class or combination of classes'),
    );
  }
  if (license.sex !== '' && normalizeSex(license.sex) === null) {
    warnings.push(warning('UNKNOWN_SEX', 'sex', 'sex is neither 男 nor 女'));
  }
  if (license.validFrom !== '' && typeof license.validTo === 'string' && license.validTo !== '') {
    if (license.validTo < license.validFrom) {
      warnings.push(
        warning(
          'VALID_TO_BEFORE_VALID_FROM',
          'validTo',
          `validTo ${license.validTo} is before validFrom ${license.validFrom}`,
        ),
      );
    }
  }
  if (license.issueDate !== '' && license.validFrom !== '' && license.issueDate > license.validFrom) {
    warnings.push(
      warning(
        'ISSUE_DATE_AFTER_VALID_FROM',
        'issueDate',
        `issueDate ${license.issueDate} is after validFrom ${license.validFrom}`,
      ),
    );
  }
  // Every field the photo did not show legibly is named, not only the ones a licence needs: an
  // empty address or seal is as much for the user to check as an empty number.
  for (const field of PRINTED_FIELDS) {
    if (license[field] === '' && !unreadable.has(field)) {
      warnings.push(warning('MISSING_FIELD', field, `${field} is missing`));
    }
  }
  return { license, warnings };
}
