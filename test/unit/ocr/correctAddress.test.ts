import {
  correctAddress,
  parseDivisions,
  prefectureOfNumber,
  prefixDistance,
} from '../../../emulator/ocr/correctAddress';

describe('parseDivisions', () => {
  it.each([
    [
      'a county under a prefecture',
      '430104|湖南省|长沙市|岳麓区|岳麓街道',
      '湖南省长沙市岳麓区',
      '湖南省长沙市',
    ],
    [
      "a municipality's district (no prefecture printed)",
      '110105|北京市|市辖区|朝阳区|建外街道',
      '北京市朝阳区',
      '北京市',
    ],
    [
      'a county under its province',
      '429004|湖北省|省直辖县级行政区划|仙桃市|沙嘴街道',
      '湖北省仙桃市',
      '湖北省',
    ],
    ['a prefecture without counties', '|广东省|东莞市|东莞市|东城街道', '广东省东莞市', '广东省东莞市'],
  ])('prints %s as the address does', (_, line, prefix, prefecture) => {
    expect(parseDivisions(line)[0]).toMatchObject({ prefix, prefecture });
  });
});

describe('prefectureOfNumber (real gazetteer)', () => {
  it.each([
    ['a prefecture', '230102198503071234', '黑龙江省哈尔滨市'],
    ['a municipality', '110105199001011234', '北京市'],
    ['a code no current division has', '999999199001011234', ''],
    ['no number', '', ''],
  ])('names %s from the first digits of the citizen number', (_, id, expected) => {
    expect(prefectureOfNumber(id)).toBe(expected);
  });
});

describe('prefixDistance', () => {
  it.each([
    ['a prefix read right', '北京市朝阳区', '北京市朝阳区建国路', 0, 6],
    ['a character lost', '北京市朝阳区', '北京市朝区建国路', 1, 5],
    ['a character misread', '湖南省长沙市岳麓区', '湖南省长沙市岳菱区麓山', 1, 9],
    [
      'two lost rather than two misread (the shorter prefix)',
      '陕西省西安市雁塔区',
      '陕西省西安市雁高新四路',
      2,
      7,
    ],
  ])('counts %s', (_, pattern, text, cost, end) => {
    expect(prefixDistance([...pattern], [...text])).toEqual({ cost, end });
  });
});

describe('correctAddress (real gazetteer)', () => {
  it.each([
    ['a county missing a character', '北京市朝区朝阳北路258号', '北京市朝阳区朝阳北路258号'],
    ['a misread county', '湖南省长沙市岳菱区麓山南路152号', '湖南省长沙市岳麓区麓山南路152号'],
    ["a county's last two characters lost", '陕西省西安市雁高新四路308号', '陕西省西安市雁塔区高新四路308号'],
    [
      'a misread prefecture and county',
      '四川省城都市武候区武侯祠大街316号',
      '四川省成都市武侯区武侯祠大街316号',
    ],
    [
      'a town the county lacks, one character from one of its towns',
      '河南省周口市郸城县胡果乡李楼村3组42号',
      '河南省周口市郸城县胡集乡李楼村3组42号',
    ],
  ])('corrects %s', (_, read, expected) => {
    expect(correctAddress(read)).toEqual({ address: expected });
  });

  it.each([
    ['read right', '浙江省杭州市西湖区教工路443号'],
    ['read right, with a real town', '河南省周口市郸城县胡集乡李楼村3组42号'],
    ['whose start was lost', '塔区高新四路御1101室'],
    ['more than two characters from any county', '河南省周邮城县胡集乡李楼村3组42号'],
    ['of a place the gazetteer does not know', '火星省奥林匹斯市大山区1号'],
  ])('leaves an address %s as it is', (_, read) => {
    expect(correctAddress(read)).toEqual({ address: read });
  });

  it('leaves a town one character from several real towns to the ink', () => {
    expect(correctAddress('河南省周口市郸城县汲家镇王营村2组65号')).toEqual({
      address: '河南省周口市郸城县汲家镇王营村2组65号',
      town: { read: '汲家镇', options: expect.arrayContaining(['汲冢镇', '汲水镇']) },
    });
  });
});
