import { agreeDates } from '../../../emulator/ocr/fields/agreeDates';
import type { FieldKey, ValueEvidence } from '../../../emulator/ocr/fields/FieldSpec';
import { asDate, dateGrammar, idGrammar, periodGrammar } from '../../../emulator/ocr/fields/grammars';
import type { OnnxEngine } from '../../../emulator/ocr/text/OnnxEngine';
import { isValidIdNumber } from '../../../src/domain/rules/idNumber';
import { DICT, line, sure } from './support/ctcLine';

/** Scoring readings needs the recognizer's dictionary only. */
const engine = { dictionary: DICT } as unknown as OnnxEngine;

type Chars = Array<Record<string, number>>;
const dateInk = (chars: Chars): ValueEvidence => ({
  sources: [{ ctc: line(chars) }],
  grammar: dateGrammar(1920, 2050),
  normalize: (text) => asDate(text, 1920, 2050),
});
const periodInk = (chars: Chars): ValueEvidence => ({
  sources: [{ ctc: line(chars) }],
  grammar: periodGrammar(),
  normalize: (text) => text,
});
const numberInk = (chars: Chars): ValueEvidence => ({
  sources: [{ ctc: line(chars) }],
  grammar: idGrammar(),
  normalize: (text) => (isValidIdNumber(text) ? text : ''),
});
/** A digit read as `read` whose ink also allows `other`, a little less likely. */
const unsure = (read: string, other: string) => ({ [read]: 0.6, [other]: 0.35 });

type Fields = Partial<Record<FieldKey, string>>;
async function agree(
  read: Fields,
  ink: Partial<Record<FieldKey, ValueEvidence>>,
  slashedZeros = false,
  readAs: Fields = {},
  period = true,
): Promise<Fields> {
  const values = {
    ...{ id_num: '', name: '', sex: '', nationality: '', address: '', car_class: '' },
    ...{ birth_date: '', issue_date: '', valid_from: '', valid_to: '' },
    ...read,
  };
  const out = await agreeDates(engine, {
    values,
    period,
    slashedZeros,
    evidenceOf: async (field) => ink[field],
    readAs: (field) => [readAs[field] ?? values[field]],
  });
  const changed: Fields = {};
  for (const [k, v] of Object.entries(out.values))
    if (values[k as FieldKey] !== v) changed[k as FieldKey] = v;
  return changed;
}

const NUMBER = '150402199902223122';
const PERIOD = '2002-11-18至2012-11-18';

describe('agreeDates (what the card prints twice agrees)', () => {
  it.each<[string, Fields, Partial<Record<FieldKey, ValueEvidence>>, Fields]>([
    [
      'reads the birth date as the number has it when its ink allows that digit',
      { id_num: NUMBER, birth_date: '1998-02-22' },
      { birth_date: dateInk([...sure('199'), unsure('8', '9'), ...sure('-02-22')]) },
      { birth_date: '1999-02-22' },
    ],
    [
      'keeps a birth date whose ink is sure of its digit, against the number',
      { id_num: NUMBER, birth_date: '1998-02-22' },
      { birth_date: dateInk(sure('1998-02-22')) },
      {},
    ],
    [
      'reads the first issue on the validity’s day when its ink allows it',
      { issue_date: '1996-01-18', valid_from: '2002-11-18', valid_to: '2012-11-18' },
      {
        issue_date: dateInk([...sure('1996-'), unsure('0', '1'), ...sure('1-18')]),
        valid_from: periodInk(sure(PERIOD)),
      },
      { issue_date: '1996-11-18' },
    ],
    [
      'moves both ends of the validity to the first issue’s day when theirs is the unsure ink',
      { issue_date: '1996-11-18', valid_from: '2002-11-10', valid_to: '2012-11-10' },
      {
        issue_date: dateInk(sure('1996-11-18')),
        valid_from: periodInk([
          ...sure('2002-11-1'),
          unsure('0', '8'),
          ...sure('至2012-11-1'),
          unsure('0', '8'),
        ]),
      },
      { valid_from: '2002-11-18', valid_to: '2012-11-18' },
    ],
    [
      'leaves both as read when neither’s ink allows the other’s day',
      { issue_date: '1996-01-18', valid_from: '2002-11-18', valid_to: '2012-11-18' },
      { issue_date: dateInk(sure('1996-01-18')), valid_from: periodInk(sure(PERIOD)) },
      {},
    ],
    [
      'reads the number with the birth date’s digits where its ink allows that and the birth date’s does not allow the number’s',
      // 9 read as 8 in the birth digits, and the check character misread so that it still holds.
      { id_num: '150402199802223125', birth_date: '1999-02-22' },
      {
        id_num: numberInk([
          ...sure('15040219'),
          unsure('9', '8'),
          unsure('8', '9'),
          ...sure('0222312'),
          unsure('5', '2'),
        ]),
        birth_date: dateInk(sure('1999-02-22')),
      },
      { id_num: NUMBER },
    ],
    [
      'reads the number with the birth date’s digits, not the birth date with the number’s, where the number’s ink allows that more easily',
      // Two 0s of the number as alike to 8s as not: the check character holds either way.
      { id_num: '15048219980926700X', birth_date: '1990-09-26' },
      {
        id_num: numberInk([
          ...sure('1504'),
          { 8: 0.5, 0: 0.45 },
          ...sure('2199'),
          { 8: 0.5, 0: 0.45 },
          ...sure('0926700X'),
        ]),
        birth_date: dateInk([...sure('199'), { 0: 0.9, 8: 0.08 }, ...sure('-09-26')]),
      },
      { id_num: '15040219900926700X' },
    ],
    [
      'keeps a number its ink is sure of, against the birth date',
      { id_num: '150402199802223125', birth_date: '1999-02-22' },
      { id_num: numberInk(sure('150402199802223125')), birth_date: dateInk(sure('1999-02-22')) },
      {},
    ],
    [
      'fills nothing that was not read',
      { id_num: NUMBER, issue_date: '1996-01-18' },
      { issue_date: dateInk(sure('1996-01-18')) },
      {},
    ],
  ])('%s', async (_, read, ink, changed) => expect(await agree(read, ink)).toEqual(changed));

  it.each([
    [
      'reads an 8 of the birth date as the number’s 0 when the card slashes its zeros',
      true,
      { birth_date: '1980-01-04' },
    ],
    ['keeps an 8 the ink is sure of when the card’s zeros are plain', false, {}],
  ])('%s', async (_, slashed, changed) =>
    expect(
      await agree(
        { id_num: '610113198001047730', birth_date: '1988-01-04' },
        { birth_date: dateInk(sure('1988-01-04')) },
        slashed,
      ),
    ).toEqual(changed),
  );
});

describe('agreeDates (the first issue and the validity lie whole periods apart)', () => {
  it.each<[string, Fields, Partial<Record<FieldKey, ValueEvidence>>, Fields]>([
    [
      'reads the first issue’s year in the validity’s cycle when its ink allows that digit',
      { issue_date: '2018-10-12', valid_from: '2010-10-12', valid_to: '2016-10-12' },
      {
        issue_date: dateInk([...sure('201'), unsure('8', '0'), ...sure('-10-12')]),
        valid_from: periodInk(sure('2010-10-12至2016-10-12')),
      },
      { issue_date: '2010-10-12' },
    ],
    [
      'moves both ends of the validity into the first issue’s cycle when theirs is the unsure year',
      { issue_date: '2010-10-12', valid_from: '2018-10-12', valid_to: '2028-10-12' },
      {
        issue_date: dateInk(sure('2010-10-12')),
        valid_from: periodInk([
          ...sure('201'),
          unsure('8', '6'),
          ...sure('-10-12至202'),
          unsure('8', '6'),
          ...sure('-10-12'),
        ]),
      },
      { valid_from: '2016-10-12', valid_to: '2026-10-12' },
    ],
    [
      'leaves both as read when each one’s ink allows the other’s year alike',
      { issue_date: '2018-10-12', valid_from: '2010-10-12', valid_to: '长期' },
      {
        issue_date: dateInk([...sure('201'), unsure('8', '0'), ...sure('-10-12')]),
        valid_from: periodInk([...sure('201'), unsure('0', '8'), ...sure('-10-12至长期')]),
      },
      {},
    ],
    [
      'keeps a start 12 years after the first issue, two 6-year periods on (real-03)',
      { issue_date: '2002-11-05', valid_from: '2014-11-05', valid_to: '2024-11-05' },
      {
        issue_date: dateInk([...sure('200'), unsure('2', '8'), ...sure('-11-05')]),
        valid_from: periodInk([...sure('201'), unsure('4', '2'), ...sure('-11-05至2024-11-05')]),
      },
      {},
    ],
  ])('%s', async (_, read, ink, changed) => expect(await agree(read, ink)).toEqual(changed));
});

describe('agreeDates (digits the ink lost)', () => {
  // 430104197006184246 printed in a face that slashes its zeros: every 0 reads as 8.
  const slashedNumber = numberInk(sure('438184197886184246'));
  it.each<[string, Fields, Partial<Record<FieldKey, ValueEvidence>>, Fields, Fields]>([
    [
      'takes the number’s birth date where the birth date’s ink lost digits and shows only the number’s',
      { id_num: NUMBER, birth_date: '1928-02-22' },
      { birth_date: dateInk(sure('19-02-22')) },
      { birth_date: '19-02-22' },
      { birth_date: '1999-02-22' },
    ],
    [
      'keeps a birth date whose lost digits leave a digit the number does not have',
      { id_num: NUMBER, birth_date: '1928-03-22' },
      { birth_date: dateInk(sure('19-03-22')) },
      { birth_date: '19-03-22' },
      {},
    ],
    [
      'reads an unread number’s slashed zeros as the birth date shows them',
      { birth_date: '1970-06-18' },
      { id_num: slashedNumber, birth_date: dateInk(sure('1970-86-18')) },
      { birth_date: '1970-86-18' },
      { id_num: '430104197006184246' },
    ],
    [
      // 430104197006184246 and 430184197806184246 both pass the check; 1978-86-18 fits either.
      'leaves the number unread where the birth date fits two of its readings',
      { birth_date: '1978-06-18' },
      { id_num: slashedNumber, birth_date: dateInk(sure('1978-86-18')) },
      { birth_date: '1978-86-18' },
      {},
    ],
    [
      'leaves the number unread where nothing shows the face slashes its zeros',
      { birth_date: '1970-06-18' },
      { id_num: slashedNumber, birth_date: dateInk(sure('1970-06-18')) },
      { birth_date: '1970-06-18' },
      {},
    ],
    [
      'leaves the number unread where the birth date shows digits none of its readings has',
      { birth_date: '1975-06-18' },
      { id_num: slashedNumber, birth_date: dateInk(sure('1975-86-18')) },
      { birth_date: '1975-86-18' },
      {},
    ],
    [
      'reads a number that showed every digit by the birth date, and the birth date’s slashed zero by it',
      { birth_date: '1978-06-18' },
      {},
      { id_num: '438184197886184246', birth_date: '1978-86-18' },
      { id_num: '430104197006184246', birth_date: '1970-06-18' },
    ],
    [
      'settles a number read whole whose check character fails as it settles one left unread',
      { id_num: '438184197886184246', birth_date: '1978-06-18' },
      {},
      { id_num: '438184197886184246', birth_date: '1978-86-18' },
      { id_num: '430104197006184246', birth_date: '1970-06-18' },
    ],
    [
      'reads a number that lost digits with the birth date’s',
      { birth_date: '1974-09-07' },
      {},
      { id_num: '110105409077543', birth_date: '1974-09-07' },
      { id_num: '110105197409077543' },
    ],
    [
      'gives a first issue date that showed its year and day the validity’s month',
      { birth_date: '1958-12-29', valid_from: '2004-01-10', valid_to: '长期' },
      {},
      { issue_date: '1988--10' },
      { issue_date: '1988-01-10' },
    ],
    [
      'gives a first issue date read only to its year the validity’s month and day',
      { valid_from: '1999-02-18', valid_to: '2005-02-18' },
      {},
      { issue_date: '1999-' },
      { issue_date: '1999-02-18' },
    ],
    [
      'leaves empty a first issue date that showed only its day',
      { valid_from: '2004-01-10', valid_to: '长期' },
      {},
      { issue_date: '-10' },
      {},
    ],
    [
      'leaves empty a first issue date whose day is not the validity’s',
      { valid_from: '2004-01-10', valid_to: '长期' },
      {},
      { issue_date: '1988--12' },
      {},
    ],
    [
      'leaves empty a first issue year after the validity starts',
      { valid_from: '2008-02-07', valid_to: '2018-02-07' },
      {},
      { issue_date: '200907' },
      {},
    ],
    [
      'leaves empty a first issue year before the holder was sixteen',
      { birth_date: '1980-03-01', valid_from: '2008-02-07', valid_to: '2018-02-07' },
      {},
      { issue_date: '1990-' },
      {},
    ],
    [
      'leaves empty a first issue year that no cycle leads from to a long-term validity',
      { valid_from: '2004-01-10', valid_to: '长期' },
      {},
      { issue_date: '1998--10' },
      {},
    ],
    [
      'gives a validity start that showed its year the first issue’s month and day',
      { issue_date: '2003-06-30', valid_to: '6年' },
      {},
      { valid_from: '2003-030' },
      { valid_from: '2003-06-30' },
    ],
    [
      'gives the new card’s validity start that lost its month the first issue’s, one period before its end',
      { issue_date: '2015-06-03', valid_to: '2021-06-03' },
      {},
      { valid_from: '201503至2021-06-03' },
      { valid_from: '2015-06-03' },
    ],
    [
      'leaves empty a validity start whose year is no period’s start',
      { issue_date: '2010-10-12', valid_to: '6年' },
      {},
      { valid_from: '2013-1' },
      {},
    ],
    [
      'gives a validity that starts on the first issue the first period’s 6-year end',
      { issue_date: '2015-06-03', valid_from: '2015-06-03' },
      {},
      { valid_to: '2015-06-03至' },
      { valid_to: '2021-06-03' },
    ],
    [
      'leaves empty the end of a validity from the first issue whose ink shows 长期',
      { issue_date: '2015-06-03', valid_from: '2015-06-03' },
      {},
      { valid_to: '2015-06-03至长' },
      {},
    ],
    [
      'leaves empty the end of a validity that starts a later period',
      { issue_date: '2010-10-12', valid_from: '2016-10-12' },
      {},
      { valid_to: '2016-10-12至' },
      {},
    ],
    [
      'leaves empty a validity start that showed only its day',
      { issue_date: '1985-11-12', valid_to: '长期' },
      {},
      { valid_from: '-11-12至长期' },
      {},
    ],
  ])('%s', async (_, read, ink, readAs, changed) =>
    expect(await agree(read, ink, false, readAs)).toEqual(changed),
  );

  it.each([
    [
      'gives the old card’s validity from the first issue its 6年 where its ink showed none',
      '',
      { valid_to: '6年' },
    ],
    ['leaves empty the old card’s validity whose ink showed another length', '10', {}],
  ])('%s', async (_, validFor, changed) =>
    expect(
      await agree(
        { issue_date: '2003-06-30', valid_from: '2003-06-30' },
        {},
        false,
        { valid_to: validFor },
        false,
      ),
    ).toEqual(changed),
  );

  it.each([
    [
      'reads the 8s of a first issue year as the slashed zeros the validity’s cycle wants',
      true,
      { issue_date: '2001-05-18' },
    ],
    ['leaves the first issue empty where the card’s zeros are plain', false, {}],
  ])('%s', async (_, slashed, changed) =>
    expect(
      await agree({ birth_date: '1959-03-10', valid_from: '2017-05-18', valid_to: '长期' }, {}, slashed, {
        issue_date: '2881-85-18',
      }),
    ).toEqual(changed),
  );
});
