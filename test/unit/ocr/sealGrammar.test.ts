import { ctcLogLikelihood } from '../../../emulator/ocr/ctcScore';
import { prefectures } from '../../../emulator/ocr/gazetteer';
import {
  addressPrior,
  correctSeal,
  editDistance,
  homeCandidates,
  sealCandidates,
} from '../../../emulator/ocr/sealGrammar';

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
    '北京市公安局公安交通管理局',
    '天津市公安交通管理局',
    '重庆市公安局交通巡逻警察总队',
  ])('includes %s', (name) => expect(sealCandidates()).toContain(name));
});

describe('correctSeal without scores', () => {
  it.each([
    ['广东省深圳市公安局交通贤察支队', '广东省深圳市公安局交通警察支队'],
    ['浙江省杭州市公安局交通警察支队', '浙江省杭州市公安局交通警察支队'],
    ['', ''],
    ['★', '★'],
  ])('corrects %s to %s', (reading, expected) => expect(correctSeal(reading)).toBe(expected));

  it('keeps a reading that is far from every candidate', () => {
    expect(correctSeal('今天天气很好适合出门')).toBe('今天天气很好适合出门');
  });
});

describe('correctSeal with scores', () => {
  it('takes the candidate the scorer finds far likelier than the runner-up', () => {
    const truth = '广东省广州市公安局交通警察支队';
    const score = (text: string) => -editDistance(text, truth) * 5;
    expect(correctSeal('广东省广州公安局交通警察支队', score)).toBe(truth);
  });

  it('keeps the reading when two candidates are about as likely', () => {
    const score = (text: string) => (text.includes('交通管理局') || text.includes('交通警察支队') ? 0 : -50);
    expect(correctSeal('江苏省南京市公安局交通察理局', score)).toBe('江苏省南京市公安局交通察理局');
  });
});

describe('ctcLogLikelihood', () => {
  // Three classes (blank, A, B) over four steps that clearly spell "AB".
  const scores = new Float32Array([0.1, 0.8, 0.1, 0.8, 0.1, 0.1, 0.1, 0.1, 0.8, 0.8, 0.1, 0.1]);

  it('scores the spelled label sequence above the others', () => {
    const ab = ctcLogLikelihood(scores, 4, 3, [1, 2]);
    expect(ab).toBeGreaterThan(ctcLogLikelihood(scores, 4, 3, [2, 1]));
    expect(ab).toBeGreaterThan(ctcLogLikelihood(scores, 4, 3, [1]));
    expect(ab).toBeLessThan(0);
  });

  it('returns -Infinity for an empty label sequence', () => {
    expect(ctcLogLikelihood(scores, 4, 3, [])).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('addressPrior', () => {
  it.each([
    [
      'the prefecture the address names, with its province',
      '江苏省南京市公安局交通管理局',
      '江苏省南京市玄武区珠江路57号',
      6,
    ],
    ['the same prefecture without its province', '南京市公安局交通管理局', '江苏省南京市玄武区珠江路57号', 1],
    [
      'the same prefecture when the province was misread',
      '黑龙江省哈尔滨市公安局交通警察支队',
      '黑龙江餐哈尔滨市道里区',
      6,
    ],
    [
      'another prefecture of the same province',
      '江苏省苏州市公安局交通警察支队',
      '江苏省南京市玄武区珠江路57号',
      1,
    ],
    [
      'the prefecture misread by one character after its province',
      '黑龙江省哈尔滨市公安局交通警察支队',
      '黑龙江省跆尔滨市道里区',
      6,
    ],
    [
      'a prefecture one character from the one the address names exactly (台州 beside 杭州)',
      '浙江省台州市公安局交通警察支队',
      '浙江省杭州市上城区望江东路477号',
      1,
    ],
    [
      'a name one character off without its province read',
      '北京市公安局公安交通管理局',
      '南京市玄武区珠江路57号',
      0,
    ],
    ['another province', '北京市公安交通管理局', '江苏省南京市玄武区珠江路57号', 0],
    ["a municipality's actual authority", '上海市公安局交通警察总队', '上海市徐汇区漕溪北路974号', 6],
    ["another form of the municipality's authority", '上海市公安交通管理局', '上海市徐汇区漕溪北路974号', 1],
    [
      'a city name later in the address (北京路 in Guangzhou)',
      '北京市公安局公安交通管理局',
      '广东省广州市越秀区北京路1号',
      0,
    ],
    ['no address read', '江苏省南京市公安局交通管理局', '', 0],
  ])('gives %s %i nats', (_, text, address, expected) => {
    expect(addressPrior(text, address)).toBe(expected);
  });

  it('lists the authorities of the prefecture an address names, with and without province', () => {
    const home = homeCandidates('四川省成都市锦江区东大街');
    expect(home).toContain('四川省成都市公安局交通管理局');
    expect(home).toContain('成都市公安局交通警察支队');
    expect(home.every((text) => text.includes('成都市'))).toBe(true);
    expect(homeCandidates('某地某路1号')).toEqual([]);
    expect(homeCandidates('浙江省杭州市上城区').every((text) => text.includes('杭州市'))).toBe(true);
  });
});
