import { prefectures } from '../../../emulator/ocr/seal/gazetteer';
import {
  correctSeal,
  editDistance,
  looksLikeAuthority,
  sealCandidates,
} from '../../../emulator/ocr/seal/sealGrammar';

describe('gazetteer', () => {
  it('lists the municipalities without a province and prefectures with theirs', () => {
    const all = prefectures();
    expect(all).toContainEqual({ province: '', name: '北京市' });
    expect(all).toContainEqual({ province: '广东省', name: '深圳市' });
    expect(all).toContainEqual({ province: '吉林省', name: '延边朝鲜族自治州' });
    expect(all.length).toBeGreaterThan(330);
  });
});

describe('sealCandidates', () => {
  it.each([
    '广东省深圳市公安局交通警察支队',
    '河北省秦皇岛市公安局交通警察支队',
    '北京市公安局公安交通管理局',
    '天津市公安交通管理局',
  ])('includes %s', (name) => expect(sealCandidates()).toContain(name));
});

/** A scorer that likes what is close to `truth` (each differing character costs `cost` nats). */
const near = (truth: string, cost: number) => (text: string) => -editDistance(text, truth) * cost;

describe('correctSeal', () => {
  it('takes the grammar spelling when the ink supports it clearly best (one character misread)', () => {
    const truth = '广东省深圳市公安局交通警察支队';
    expect(correctSeal('广东省深圳市公安局交通贤察支队', near(truth, 3))).toBe(truth);
  });

  it('keeps the reading when the ink supports it far better than any spelling of the grammar', () => {
    // A county's brigade is not in the list: the grammar must not turn it into a prefecture.
    const read = '河北省围场县公安局交通警察大队';
    expect(correctSeal(read, near(read, 20))).toBe(read);
  });

  it('takes the only name one character away even at some cost, when every other name is far behind', () => {
    const truth = '广东省深圳市公安局交通警察支队';
    // The ink favours the look-alike 浠 by 9 nats; the next names are two characters away (x 11).
    const score = (text: string) =>
      text === '广东省浠圳市公安局交通警察支队' ? 0 : -editDistance(text, truth) * 11 - 9;
    expect(correctSeal('广东省浠圳市公安局交通警察支队', score)).toBe(truth);
  });

  it.each([
    // 警察 read as 世数 under glare: the ink favours the misreading by 8.3 nats, no other name is near.
    [
      'takes the only name near, two characters away, at up to 6 nats a change',
      8.3,
      30,
      '上海市公安局交通警察总队',
    ],
    ['keeps the reading when it costs more than 6 nats a change', 12.5, 30, '上海市公安局交通世数总队'],
    // 上海市公安局交通警察支队 then trails by 6 nats (a change and its weaker prior).
    [
      'keeps the reading when another name trails by less than 8 nats and the changes cost over 4 each',
      8.3,
      0,
      '上海市公安局交通世数总队',
    ],
  ])('%s', (_, cost, runnerUpBehind, expected) => {
    const truth = '上海市公安局交通警察总队';
    const read = '上海市公安局交通世数总队';
    const score = (text: string) =>
      text === read ? 0 : text === truth ? -cost : -cost - runnerUpBehind - editDistance(text, truth);
    expect(correctSeal(read, score)).toBe(expected);
  });

  it('keeps the reading when two spellings are about as likely', () => {
    const score = (text: string) => (text.includes('交通管理局') || text.includes('交通警察支队') ? 0 : -50);
    expect(correctSeal('江苏省南京市公安局交通察理局', score)).toBe('江苏省南京市公安局交通察理局');
  });

  it('does not rewrite a reading many characters away from every spelling', () => {
    expect(correctSeal('今天天气很好适合出门', () => 0)).toBe('今天天气很好适合出门');
  });
});

describe('looksLikeAuthority', () => {
  it.each([
    ['河北省秦皇岛市公安局交通警察支队', true],
    ['北京市公安局公安交通管理局', true],
    ['通警察支队', false],
    ['青岛市公局交通警察支队', false],
    ['全', false],
    ['uEal', false],
    ['郸城县公安局交通警察大队', true],
    // The address's second line, under the stamp, read into it.
    ['单元武汉市公安局交通管理局', false],
    ['2606室武汉市公安局交通管理局', false],
    ['义乌市公安局交通警察大队', true],
    ['浙江省金华市义乌市公安局交通警察大队', true],
    // A place or a body misread: no authority is called so.
    ['新维吾尔自治区乌鲁由齐市公安局交通警察支队', false],
    ['黑龙江省哈市公安局交通警察支队', false],
    ['广东省广州市公安通支队', false],
    ['重庆市公安局交通巡警察总队', false],
  ])('%s -> %s', (text, expected) => expect(looksLikeAuthority(text)).toBe(expected));
});
