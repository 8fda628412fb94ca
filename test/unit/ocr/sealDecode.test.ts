import { ctcLogLikelihood } from '../../../emulator/ocr/ctcScore';
import { decodeConstrained } from '../../../emulator/ocr/sealDecode';
import { sealPrior } from '../../../emulator/ocr/sealGrammar';

const dictionary = ['北', '京', '市', '南', '公', '安', '局'];
const index = (ch: string) => dictionary.indexOf(ch) + 1;
const classes = dictionary.length + 1;

/** CTC scores that spell `text` (two steps a character, blanks between), confidence `p`. */
function spell(text: string, p = 0.9): { scores: Float32Array; steps: number } {
  const frames: number[] = [];
  for (const ch of text) frames.push(index(ch), index(ch), 0);
  const scores = new Float32Array(frames.length * classes);
  frames.forEach((c, t) => {
    for (let k = 0; k < classes; k++) scores[t * classes + k] = (1 - p) / (classes - 1);
    scores[t * classes + c] = p;
  });
  return { scores, steps: frames.length };
}

describe('decodeConstrained', () => {
  const candidates = ['北京市公安局', '南京市公安局', '北京市公安', '京市公安局'];

  it('ranks the spelled candidate first', () => {
    const { scores, steps } = spell('北京市公安局');
    const { ranked } = decodeConstrained(scores, steps, classes, dictionary, candidates, 4);
    expect(ranked[0]?.text).toBe('北京市公安局');
    expect(ranked.map((r) => r.text)).toEqual(expect.arrayContaining(['南京市公安局']));
  });

  it.each(candidates)('gives %s the exact CTC log-likelihood of the forward algorithm', (text) => {
    const { scores, steps } = spell('南京市公安局', 0.7);
    const { ranked } = decodeConstrained(scores, steps, classes, dictionary, candidates, 10);
    const exact = ctcLogLikelihood(scores, steps, classes, [...text].map(index));
    expect(ranked.find((r) => r.text === text)?.logP).toBeCloseTo(exact, 6);
  });

  it('picks the grammar candidate nearest a misread (one character wrong)', () => {
    const { scores, steps } = spell('北京市公南局');
    const { ranked, bestPath } = decodeConstrained(scores, steps, classes, dictionary, candidates, 2);
    expect(ranked[0]?.text).toBe('北京市公安局');
    // One clearly wrong character costs a few nats against the best path.
    expect(bestPath - (ranked[0]?.logP ?? 0)).toBeGreaterThan(2);
  });

  it('skips candidates with characters outside the dictionary', () => {
    const { scores, steps } = spell('北京市公安局');
    const { ranked } = decodeConstrained(
      scores,
      steps,
      classes,
      dictionary,
      ['北京市交通局', '北京市公安局'],
      5,
    );
    expect(ranked.map((r) => r.text)).toEqual(['北京市公安局']);
  });

  it('finds nothing beyond the default pruning bound and the likeliest candidates within a wider one', () => {
    // A certain reading of 局 alone: every candidate needs five or more impossible (e^-23) steps.
    const { scores, steps } = spell('局局局局局局局局局局', 1 - 1e-9);
    const narrow = decodeConstrained(scores, steps, classes, dictionary, candidates, 4);
    const wide = decodeConstrained(scores, steps, classes, dictionary, candidates, 4, undefined, -400);
    expect(narrow.ranked).toEqual([]);
    expect(wide.ranked.map((r) => r.text)).toEqual(expect.arrayContaining(['北京市公安局', '南京市公安局']));
  });

  it('adds the prior to each candidate', () => {
    const { scores, steps } = spell('北京市公安局');
    const plain = decodeConstrained(scores, steps, classes, dictionary, candidates, 4);
    const withPrior = decodeConstrained(scores, steps, classes, dictionary, candidates, 4, (t) =>
      t.startsWith('北') ? -100 : 0,
    );
    expect(withPrior.ranked[0]?.text).not.toBe('北京市公安局');
    expect(plain.ranked[0]?.text).toBe('北京市公安局');
  });
});

describe('sealPrior', () => {
  it.each([
    ['广东省深圳市公安局交通警察支队', 0],
    ['北京市公安局公安交通管理局', 0],
    ['深圳市公安局交通警察支队', -4],
    ['广东省深圳市公安处交通警察支队', -3],
    ['上海市公安局交通警察总队', 0],
    ['天津市公安交通管理局', 0],
    ['北京市公安局交通警察支队', -5],
    ['上海市公安交通管理局', -2],
    ['重庆市公安局交通巡逻警察总队', 0],
    ['重庆市公安局交通警察总队', -2],
    ['河南省周口市公安交通管理局', -3],
    ['河南省周口市公安局交通警察总队', -4],
    ['周口市公安局交通警察总队', -8],
  ])('gives %s the log prior %d', (text, prior) => expect(sealPrior(text)).toBe(prior));
});
