/**
 * Masking for logs and error context: every log line that mentions a licence goes through these.
 * All work on code points (not UTF-16 units) and accept any value (non-strings mask to '').
 */
import type { DriverLicense } from './DriverLicense';

function chars(value: unknown): string[] {
  return typeof value === 'string' ? Array.from(value.trim()) : [];
}

/** Keeps the first `head` and last `tail` characters, masks the rest with one '*' each. */
function keepEnds(characters: string[], head: number, tail: number): string {
  const hidden = Math.max(characters.length - head - tail, 0);
  return (
    characters.slice(0, head).join('') +
    '*'.repeat(hidden) +
    characters.slice(characters.length - tail).join('')
  );
}

/**
 * '110101199003078515' -> '1101************15' (first 4 + last 2, the team rule). Anything shorter
 * than 10 characters is masked entirely, since 4 + 2 would reveal most of it.
 */
export function maskIdNumber(idNumber: unknown): string {
  const characters = chars(idNumber);
  if (characters.length < 10) return '*'.repeat(characters.length);
  return keepEnds(characters, 4, 2);
}

/** '张三' -> '张*', '欧阳娜娜' -> '欧***', '阿依古丽·买买提' -> '阿******'; one character -> '*'. */
export function maskName(name: unknown): string {
  const characters = chars(name);
  if (characters.length <= 1) return '*'.repeat(characters.length);
  return keepEnds(characters, 1, 0);
}

/** Longest administrative prefix we reveal: '黑龙江省哈尔滨市', '内蒙古自治区' fit. */
const MAX_ADDRESS_PREFIX = 8;
const PROVINCE = /^(?:北京市|天津市|上海市|重庆市|.{2,3}省|.{2,5}自治区|.{2}特别行政区)/u;
const CITY = /^.{1,6}?(?:市|自治州|地区|盟)/u;

/**
 * Keeps the province/city prefix (at most 8 characters, e.g. '广东省深圳市') and masks the rest
 * one '*' per character. Without a recognizable prefix at most the first 2 characters (a third of the text) are kept.
 */
export function maskAddress(address: unknown): string {
  const characters = chars(address);
  if (characters.length === 0) return '';
  const text = characters.join('');
  const province = PROVINCE.exec(text)?.[0] ?? '';
  const city = CITY.exec(text.slice(province.length))?.[0] ?? '';
  const municipality = ['北京市', '天津市', '上海市', '重庆市'].includes(province);
  let keep = Array.from(province).length;
  const withCity = keep + Array.from(city).length;
  if (!municipality && city !== '' && withCity <= MAX_ADDRESS_PREFIX) keep = withCity;
  if (keep === 0 || keep > MAX_ADDRESS_PREFIX) keep = Math.min(2, Math.floor(characters.length / 3));
  keep = Math.min(keep, characters.length - 1);
  return keepEnds(characters, keep, 0);
}

/**
 * A copy of a licence safe to log: number, name and address masked, birth date reduced to the
 * year. Non-personal fields (class, validity, seal) are kept for debugging.
 */
export function maskLicense(license: DriverLicense): DriverLicense {
  return {
    ...license,
    idNum: maskIdNumber(license.idNum),
    name: maskName(license.name),
    address: maskAddress(license.address),
    birthDate: license.birthDate === '' ? '' : `${license.birthDate.slice(0, 4)}-**-**`,
  };
}
