import { maskAddress, maskIdNumber, maskLicense, maskName } from '../../../src/domain/maskPersonal';
import { toDriverLicense } from '../../../src/domain/toDriverLicense';
import { cloudCallPayload, ID_BEIJING } from './fixtures/ocrPayloads';

describe('maskIdNumber', () => {
  it.each([
    ['110101199003078515', '1101************15'],
    ['11010519491231002X', '1101************2X'],
    [' 110101199003078515 ', '1101************15'],
    ['E123456789', 'E123****89'],
    ['123456789', '*********'],
    ['12345', '*****'],
    ['', ''],
  ])('masks %j as %j (first 4 + last 2, short values fully)', (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  it.each([[null], [undefined], [110101199003], [{ idNum: 'x' }]])(
    'returns an empty string for %j',
    (input) => {
      expect(maskIdNumber(input)).toBe('');
    },
  );
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['阿依古丽·买买提', '阿*******'],
    ['JOHN SMITH', 'J*********'],
    ['张', '*'],
    ['𠀋三', '𠀋*'],
    ['', ''],
  ])('masks %j as %j', (input, expected) => {
    expect(maskName(input)).toBe(expected);
  });

  it('returns an empty string for a non-string', () => {
    expect(maskName(42)).toBe('');
  });
});

describe('maskAddress', () => {
  it.each([
    ['a municipality keeps only itself', '北京市朝阳区建国路88号', '北京市*********'],
    ['province and city', '广东省深圳市南山区科技园路1号', '广东省深圳市*********'],
    ['a four-character province with its city', '黑龙江省哈尔滨市南岗区', '黑龙江省哈尔滨市***'],
    [
      'an autonomous region too long to add its city',
      '新疆维吾尔自治区乌鲁木齐市天山区',
      '新疆维吾尔自治区********',
    ],
    [
      'an autonomous region whose city would exceed 8 characters',
      '内蒙古自治区包头市昆都仑区',
      '内蒙古自治区*******',
    ],
    ['an autonomous region with a short city', '西藏自治区拉萨市城关区', '西藏自治区拉萨市***'],
    ['a city without province', '深圳市福田区福中路', '深圳市******'],
    ['no recognizable prefix keeps two characters', '朝阳区建国路88号', '朝阳*******'],
    ['a short text keeps at most a third', 'abc', 'a**'],
    ['a two-character text', '某地', '**'],
    ['empty', '', ''],
  ])('%s: %j -> %j', (_label, input, expected) => {
    expect(maskAddress(input)).toBe(expected);
  });

  it.each([
    '北京市朝阳区建国路88号',
    '广东省深圳市南山区科技园路1号',
    '新疆维吾尔自治区乌鲁木齐市天山区解放南路1号',
    '四川省成都市武侯区人民南路四段',
  ])('never reveals the street part of %j', (address) => {
    const masked = maskAddress(address);
    expect(masked).toHaveLength(address.length);
    expect(masked).toMatch(/\*{4,}$/);
    expect(masked.replace(/\*/g, '').length).toBeLessThanOrEqual(8);
  });

  it('returns an empty string for a non-string', () => {
    expect(maskAddress(undefined)).toBe('');
  });
});

describe('maskLicense', () => {
  it('masks the number, the name, the address and the birth date, keeping the rest', () => {
    const { license } = toDriverLicense(cloudCallPayload);
    const masked = maskLicense(license);
    expect(masked).toEqual({
      ...license,
      idNum: `${ID_BEIJING.slice(0, 4)}************${ID_BEIJING.slice(-2)}`,
      name: '张*',
      address: '北京市*************',
      birthDate: '1990-**-**',
    });
    expect(JSON.stringify(masked)).not.toContain(ID_BEIJING);
    expect(JSON.stringify(masked)).not.toContain('张三');
  });
});
