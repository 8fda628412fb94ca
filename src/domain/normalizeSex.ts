import { collapseSpaces, toHalfWidth } from './rules/normalizeText';

const ALIASES: Record<string, '男' | '女'> = {
  男: '男',
  男性: '男',
  m: '男',
  male: '男',
  女: '女',
  女性: '女',
  f: '女',
  female: '女',
};

/** '男'/'女' and their aliases (男性, M, male, full-width Ｍ) -> '男'/'女'; null for anything else. */
export function normalizeSex(raw: string): '男' | '女' | null {
  const key = collapseSpaces(toHalfWidth(raw)).replace(/ /g, '').toLowerCase();
  return Object.hasOwn(ALIASES, key) ? (ALIASES[key] ?? null) : null;
}
