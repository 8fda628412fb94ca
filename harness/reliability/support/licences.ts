import type { WeChatDriverLicenseFields } from '../../../emulator/openapi/DriverLicenseRecognizer';
import { idNumber } from '../../support/licenses';

const SURNAMES = Array.from('赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜');
const GIVEN = Array.from('伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂');
const ROADS = ['科技园路', '深南大道', '人民中路', '解放西路', '中山北街'];

/** A distinct, check-digit-valid licence per seed, with a name and address no other seed shares. */
export function licenceFor(
  seed: number,
  overrides: Partial<WeChatDriverLicenseFields> = {},
): WeChatDriverLicenseFields {
  const year = 1960 + (seed % 40);
  const birth = `${year}-0${1 + (seed % 9)}-1${seed % 10}`;
  const name =
    (SURNAMES[seed % SURNAMES.length] ?? '赵') +
    (GIVEN[Math.floor(seed / SURNAMES.length) % GIVEN.length] ?? '伟') +
    (GIVEN[(seed * 7 + 3) % GIVEN.length] ?? '芳');
  return {
    id_num: idNumber(birth, seed % 1000),
    name,
    sex: seed % 2 === 0 ? '女' : '男',
    nationality: '中国',
    address: `广东省深圳市南山区${ROADS[seed % ROADS.length]}${1000 + seed}号`,
    birth_date: birth,
    issue_date: '2012-12-21',
    car_class: 'C1',
    valid_from: '2018-12-21',
    valid_to: '2028-12-21',
    official_seal: '深圳市公安局交通警察支队',
    ...overrides,
  };
}
