import { startsCycle } from '../../../src/domain/rules/validityCycle';

describe('startsCycle (a validity period starts whole periods after the first issue)', () => {
  it.each<[string, string, string, boolean]>([
    ['the first period starts on the first issue', '2015-06-18', '2015-06-18', true],
    ['a second period starts 6 years on', '2010-10-12', '2016-10-12', true],
    ['a third starts 12 years on after two 6-year periods (real-03)', '2002-11-05', '2014-11-05', true],
    ['the long-term period starts 16 years on after 6 and 10', '1996-11-18', '2012-11-18', true],
    ['6 + 6 + 10 years on is a period start too', '1990-03-01', '2012-03-01', true],
    ['6 + 10 + 10 years on, a 10-year period renewed, is a period start', '1990-03-01', '2016-03-01', true],
    [
      '20 years on is no period start: 10 + 10 would put a 10-year period first',
      '1990-03-01',
      '2010-03-01',
      false,
    ],
    ['a period from 29 February starts on the 28th in a common year', '2008-02-29', '2014-02-28', true],
    ['no period starts before the first issue', '2018-10-12', '2010-10-12', false],
    ['no period lasts 8 years', '2010-10-12', '2018-10-12', false],
    ['a first licence is never valid 10 years', '2008-05-18', '2018-05-18', false],
    ['a period starts on the anniversary, not another day', '2022-11-24', '2022-11-04', false],
    ['a start that is not a date is no period start', '2010-10-12', '长期', false],
  ])('%s', (_why, issueDate, from, expected) => {
    expect(startsCycle(issueDate, from)).toBe(expected);
  });

  it.each<[string, string, string, 6 | 10 | '长期', boolean]>([
    ['a first period lasts 6 years', '2015-06-18', '2015-06-18', 6, true],
    ['a first period never lasts 10 years', '2015-06-18', '2015-06-18', 10, false],
    ['a 10-year period follows a 6-year one', '2008-05-18', '2014-05-18', 10, true],
    ['长期 follows a 10-year period', '2001-05-18', '2017-05-18', '长期', true],
    ['长期 never follows 6-year periods alone', '2002-11-05', '2014-11-05', '长期', false],
  ])('%s', (_why, issueDate, from, length, expected) => {
    expect(startsCycle(issueDate, from, length)).toBe(expected);
  });
});
