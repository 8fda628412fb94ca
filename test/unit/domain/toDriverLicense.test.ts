import type { DriverLicense, LicenseWarning, WarningCode } from '../../../src/domain/DriverLicense';
import { WARNING_CODES } from '../../../src/domain/DriverLicense';
import { isRecognizedLicense, REQUIRED_FIELDS, toDriverLicense } from '../../../src/domain/toDriverLicense';
import { breakCheckDigit, makeIdNumber } from './fixtures/makeIdNumber';
import {
  cloudCallPayload,
  expectedBeijing,
  expectedOdd,
  httpsPayload,
  ID_BEIJING,
  ID_URUMQI,
  oddHttpsPayload,
  periodCloudPayload,
} from './fixtures/ocrPayloads';

const DTO_KEYS: (keyof DriverLicense)[] = [
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
  'validPeriodRaw',
  'officialSeal',
];

function codes(warnings: LicenseWarning[]): string[] {
  return warnings.map((w) => `${w.code}:${w.field}`);
}

describe('toDriverLicense', () => {
  describe('recorded payloads', () => {
    it.each([
      ['the cloud call (camelCase)', cloudCallPayload, expectedBeijing],
      ['the HTTPS API (snake_case)', httpsPayload, expectedBeijing],
      [
        'odd HTTPS values (full-width digits, 长期, numeric date, C1/E, spaces, no seal)',
        oddHttpsPayload,
        expectedOdd,
      ],
    ])('turns %s into the DTO, warning only of what it lacks', (_label, raw, expected) => {
      const { license, warnings } = toDriverLicense(raw);
      expect(license).toEqual(expected);
      const empty = DTO_KEYS.filter((k) => k !== 'validPeriodRaw' && expected[k] === '');
      expect(codes(warnings)).toEqual(empty.map((field) => `MISSING_FIELD:${field}`));
    });

    it('computes validTo from a 6年 period and normalizes a minority name dot', () => {
      const { license, warnings } = toDriverLicense(periodCloudPayload);
      expect(license).toMatchObject({
        idNum: ID_URUMQI,
        name: '阿依古丽·买买提',
        carClass: 'A2D',
        validFrom: '2018-03-15',
        validTo: '2024-03-15',
        validPeriodRaw: '6年',
      });
      expect(warnings).toEqual([]);
    });

    it('returns exactly the DTO keys, dropping errCode, errmsg and unknown keys', () => {
      const { license } = toDriverLicense({
        ...cloudCallPayload,
        errcode: 0,
        errmsg: 'ok',
        extra: 'x',
        type: 'photo',
      });
      expect(Object.keys(license).sort()).toEqual([...DTO_KEYS].sort());
    });
  });

  describe('mixed casing', () => {
    it('takes snake_case when the camelCase key is empty', () => {
      const { license } = toDriverLicense({
        ...cloudCallPayload,
        idNum: '  ',
        id_num: ID_BEIJING,
        carClass: '',
        car_class: 'C2',
      });
      expect(license.idNum).toBe(ID_BEIJING);
      expect(license.carClass).toBe('C2');
    });

    it('takes camelCase when both keys carry a value', () => {
      const { license } = toDriverLicense({ ...cloudCallPayload, car_class: 'B2', valid_to: '长期' });
      expect(license.carClass).toBe('C1');
      expect(license.validTo).toBe('2026-05-01');
    });

    it('takes snake_case when the camelCase value is not a string', () => {
      const { license } = toDriverLicense({ ...cloudCallPayload, birthDate: null, birth_date: '1990-03-07' });
      expect(license.birthDate).toBe('1990-03-07');
    });
  });

  describe('unsafe input', () => {
    it.each([
      ['null', null],
      ['undefined', undefined],
      ['a string', 'idNum'],
      ['a number', 42],
      ['an array', [cloudCallPayload]],
      ['an empty object', {}],
      ['an error-only reply', { errcode: 101001, errmsg: 'certificate not found' }],
    ])('returns an empty DTO for %s without throwing', (_label, raw) => {
      const { license, warnings } = toDriverLicense(raw);
      expect(license).toEqual({
        idNum: '',
        name: '',
        sex: '',
        nationality: '',
        address: '',
        birthDate: '',
        issueDate: '',
        carClass: '',
        validFrom: '',
        validTo: '',
        validPeriodRaw: '',
        officialSeal: '',
      });
      // Every printed field is named, in the card's order.
      expect(codes(warnings)).toEqual(
        DTO_KEYS.filter((k) => k !== 'validPeriodRaw').map((field) => `MISSING_FIELD:${field}`),
      );
      expect(REQUIRED_FIELDS.every((field) => codes(warnings).includes(`MISSING_FIELD:${field}`))).toBe(true);
      expect(isRecognizedLicense(license)).toBe(false);
    });

    it.each([
      ['null', null, ''],
      ['an object', { value: '张三' }, ''],
      ['an array', ['张三'], ''],
      ['a boolean', true, ''],
      ['a float', 1.5, ''],
      ['NaN', Number.NaN, ''],
      ['an unsafe integer (digits already lost)', Number.MAX_SAFE_INTEGER + 2, ''],
      ['a safe integer', 123, '123'],
    ])('reads %s as a name value safely', (_label, value, expected) => {
      expect(toDriverLicense({ name: value }).license.name).toBe(expected);
    });

    it.each([
      ['birthDate', { birthDate: 19901221 }, '1990-12-21'],
      ['issue_date', { issue_date: 20100501 }, '2010-05-01'],
      ['validFrom', { validFrom: 20160621, validTo: 20220621 }, '2016-06-21'],
    ])('reads a numeric %s as a compact date', (_label, raw, expected) => {
      const { license } = toDriverLicense(raw);
      expect([license.birthDate, license.issueDate, license.validFrom]).toContain(expected);
    });

    it('ignores a __proto__ key from JSON and values on the prototype chain', () => {
      const fromJson = JSON.parse(
        '{"__proto__": {"idNum": "11010519491231002X"}, "name": "王五"}',
      ) as unknown;
      const inherited = Object.create({ idNum: '11010519491231002X' }) as Record<string, unknown>;
      expect(toDriverLicense(fromJson).license.idNum).toBe('');
      expect(toDriverLicense(inherited).license.idNum).toBe('');
      expect(({} as Record<string, unknown>).idNum).toBeUndefined();
    });

    it('does not run getters', () => {
      const raw = {};
      Object.defineProperty(raw, 'name', {
        enumerable: true,
        get() {
          throw new Error('getter ran');
        },
      });
      expect(toDriverLicense(raw).license.name).toBe('');
    });
  });

  describe('field normalization', () => {
    it.each([
      ['idNum: lower-case x', { idNum: '11010519491231002x' }, 'idNum', '11010519491231002X'],
      [
        'idNum: full-width digits and spaces',
        { idNum: '１１０１０５ １９４９１２３１ ００２Ｘ' },
        'idNum',
        '11010519491231002X',
      ],
      ['name: ideographic spaces between characters', { name: '\u3000王\u3000五\u3000' }, 'name', '王五'],
      ['name: a Latin name keeps its space', { name: ' JOHN   SMITH ' }, 'name', 'JOHN SMITH'],
      ['name: a dot between Chinese names', { name: '买买提.艾力' }, 'name', '买买提·艾力'],
      ['sex: M', { sex: 'M' }, 'sex', '男'],
      ['sex: F', { sex: 'F' }, 'sex', '女'],
      ['sex: male', { sex: 'male' }, 'sex', '男'],
      ['sex: Female', { sex: 'Female' }, 'sex', '女'],
      ['sex: 男性', { sex: '男性' }, 'sex', '男'],
      ['sex: 女性', { sex: '女性' }, 'sex', '女'],
      ['sex: full-width Ｍ', { sex: 'Ｍ' }, 'sex', '男'],
      ['sex: 男 with spaces', { sex: ' 男\u3000' }, 'sex', '男'],
      ['nationality: kept as given', { nationality: ' 中 国 ' }, 'nationality', '中国'],
      [
        'address: spaces between characters dropped',
        { address: '北京市 朝阳区\n建国路' },
        'address',
        '北京市朝阳区建国路',
      ],
      ['carClass: 、 separator', { carClass: 'C1、E' }, 'carClass', 'C1E'],
      ['carClass: lower case with a space', { carClass: 'c1 e' }, 'carClass', 'C1E'],
      ['carClass: full-width', { carClass: 'Ａ２Ｄ' }, 'carClass', 'A2D'],
      ['birthDate: 年月日', { birthDate: '1990年12月21日' }, 'birthDate', '1990-12-21'],
      ['birthDate: slashes', { birthDate: '1990/12/21' }, 'birthDate', '1990-12-21'],
      ['birthDate: unpadded', { birthDate: '1990-1-2' }, 'birthDate', '1990-01-02'],
      ['birthDate: O for 0', { birthDate: '199O-12-21' }, 'birthDate', '1990-12-21'],
      ['issueDate: dots', { issueDate: '2010.05.01' }, 'issueDate', '2010-05-01'],
      [
        'officialSeal: trimmed',
        { officialSeal: ' 上海市公安局交通警察总队 ' },
        'officialSeal',
        '上海市公安局交通警察总队',
      ],
    ])('%s', (_label, raw, field, expected) => {
      expect(toDriverLicense(raw).license[field as keyof DriverLicense]).toBe(expected);
    });

    it.each([
      [
        'a period in validTo',
        { validFrom: '2016-06-21', validTo: '10年' },
        '2016-06-21',
        '2026-06-21',
        '10年',
      ],
      [
        'a Chinese period',
        { valid_from: '2016-06-21', valid_to: '六年' },
        '2016-06-21',
        '2022-06-21',
        '六年',
      ],
      ['长期', { validFrom: '2016-06-21', validTo: '长期' }, '2016-06-21', null, '长期'],
      [
        'a range in validFrom',
        { validFrom: '2016-06-21至2022-06-21' },
        '2016-06-21',
        '2022-06-21',
        '2016-06-21至2022-06-21',
      ],
      ['a range to 长期 in valid_to', { valid_to: '2016.06.21-长期' }, '2016-06-21', null, '2016.06.21-长期'],
    ])('reads validity given as %s', (_label, raw, validFrom, validTo, validPeriodRaw) => {
      const { license, warnings } = toDriverLicense(raw);
      expect(license).toMatchObject({ validFrom, validTo, validPeriodRaw });
      expect(warnings.filter((w) => w.field === 'validFrom' || w.field === 'validTo')).toEqual([]);
    });
  });

  describe('warnings', () => {
    const base = { ...cloudCallPayload };
    const idWithWrongBirth = makeIdNumber('110105', '19900230', '851');

    const cases: [WarningCode, keyof DriverLicense, string, Record<string, unknown>][] = [
      ['ID_NUM_FORMAT', 'idNum', 'a 15-digit number', { ...base, idNum: '110105900307851' }],
      ['ID_NUM_FORMAT', 'idNum', 'a passport-style number', { ...base, idNum: 'E12345678' }],
      ['ID_NUM_FORMAT', 'idNum', 'a number with a non-date birth part', { ...base, idNum: idWithWrongBirth }],
      [
        'ID_NUM_CHECK_DIGIT',
        'idNum',
        'a wrong check character',
        { ...base, idNum: breakCheckDigit(ID_BEIJING) },
      ],
      [
        'BIRTH_DATE_MISMATCH',
        'birthDate',
        'a birth date that differs from the number',
        { ...base, birthDate: '1990-03-08' },
      ],
      ['UNKNOWN_CAR_CLASS', 'carClass', 'an unknown class', { ...base, carClass: 'C7' }],
      ['UNKNOWN_CAR_CLASS', 'carClass', 'a repeated class', { ...base, carClass: 'C1C1' }],
      [
        'VALID_TO_BEFORE_VALID_FROM',
        'validTo',
        'validTo before validFrom',
        { ...base, validTo: '2010-05-01' },
      ],
      [
        'ISSUE_DATE_AFTER_VALID_FROM',
        'issueDate',
        'issueDate after validFrom',
        { ...base, issueDate: '2017-01-01' },
      ],
      ['UNKNOWN_SEX', 'sex', 'an unknown sex', { ...base, sex: 'X' }],
      ['UNPARSEABLE_DATE', 'birthDate', 'an invalid birthDate', { ...base, birthDate: '1990-02-30' }],
      ['UNPARSEABLE_DATE', 'issueDate', 'an invalid issueDate', { ...base, issueDate: 'unknown' }],
      ['UNPARSEABLE_DATE', 'validFrom', 'an invalid validFrom', { ...base, validFrom: '2016-13-01' }],
      ['UNPARSEABLE_DATE', 'validTo', 'an invalid validTo', { ...base, validTo: '2026-02-30' }],
      [
        'UNPARSEABLE_DATE',
        'validTo',
        'a period without validFrom',
        { ...base, validFrom: '', validTo: '6年' },
      ],
      ['MISSING_FIELD', 'idNum', 'a missing number', { ...base, idNum: '' }],
      ['MISSING_FIELD', 'name', 'a missing name', { ...base, name: undefined }],
      ['MISSING_FIELD', 'carClass', 'a missing class', { ...base, carClass: ' ' }],
      ['MISSING_FIELD', 'validFrom', 'a missing validFrom', { ...base, validFrom: null }],
      ['MISSING_FIELD', 'validTo', 'a missing validTo', { ...base, validTo: '' }],
    ];

    it.each(cases)('warns %s on %s for %s', (code, field, _label, raw) => {
      const { warnings } = toDriverLicense(raw);
      expect(warnings).toContainEqual(expect.objectContaining({ code, field }));
    });

    it('covers every warning code in the table above', () => {
      expect(new Set(cases.map(([code]) => code))).toEqual(new Set(WARNING_CODES));
    });

    it.each([
      [
        'ID_NUM_FORMAT only, not a check-digit warning, for a wrong length',
        { ...base, idNum: '12345' },
        ['ID_NUM_FORMAT:idNum'],
      ],
      [
        'no MISSING_FIELD for a field already reported unparseable',
        { ...base, validFrom: 'soon' },
        ['UNPARSEABLE_DATE:validFrom'],
      ],
      [
        'no BIRTH_DATE_MISMATCH when birthDate is empty (only that it is missing)',
        { ...base, birthDate: '' },
        ['MISSING_FIELD:birthDate'],
      ],
      [
        'no UNKNOWN_SEX when sex is empty (only that it is missing)',
        { ...base, sex: '' },
        ['MISSING_FIELD:sex'],
      ],
      ['no date-order warning for a long-term licence', { ...base, validTo: '长期' }, []],
      ['no date-order warning when validTo equals validFrom', { ...base, validTo: '2016-05-01' }, []],
      ['no issue-date warning when issueDate equals validFrom', { ...base, issueDate: '2016-05-01' }, []],
    ])('gives %s', (_label, raw, expected) => {
      expect(codes(toDriverLicense(raw).warnings)).toEqual(expected);
    });

    it('reports each problem once, in a stable order, for a badly read licence', () => {
      const { warnings } = toDriverLicense({
        idNum: breakCheckDigit(ID_BEIJING),
        name: '张三',
        sex: '?',
        birthDate: '1991-01-01',
        issueDate: '2020-01-01',
        carClass: 'Q',
        validFrom: '2016-05-01',
        validTo: '2010-05-01',
      });
      expect(codes(warnings)).toEqual([
        'ID_NUM_CHECK_DIGIT:idNum',
        'BIRTH_DATE_MISMATCH:birthDate',
        'UNKNOWN_CAR_CLASS:carClass',
        'UNKNOWN_SEX:sex',
        'VALID_TO_BEFORE_VALID_FROM:validTo',
        'ISSUE_DATE_AFTER_VALID_FROM:issueDate',
        'MISSING_FIELD:nationality',
        'MISSING_FIELD:address',
        'MISSING_FIELD:officialSeal',
      ]);
    });

    it.each(cases)(
      'never puts the number or the name in a message (%s on %s for %s)',
      (_code, _field, _label, raw) => {
        const { license, warnings } = toDriverLicense({ ...raw, sex: '张三' });
        for (const { message } of warnings) {
          expect(message).not.toContain('张三');
          if (license.idNum.length > 6) expect(message).not.toContain(license.idNum);
          expect(message.length).toBeGreaterThan(0);
        }
      },
    );
  });
});

describe('isRecognizedLicense', () => {
  it.each([
    ['a number and a name', { idNum: ID_BEIJING, name: '张三' }, true],
    ['only a number', { idNum: ID_BEIJING, name: '' }, true],
    ['only a name', { idNum: '', name: '张三' }, true],
    ['neither', { idNum: '', name: '' }, false],
    ['only whitespace', { idNum: ' ', name: '\u3000' }, false],
  ])('says a licence with %s is recognized: %s', (_label, license, expected) => {
    expect(isRecognizedLicense(license)).toBe(expected);
  });
});
