import { readFileSync } from 'node:fs';
import path from 'node:path';
import { editDistance } from '../seal/sealGrammar';

let prefixes: string[] | undefined;
let prefixSet: Set<string> | undefined;

/**
 * How an address begins on a licence: province, prefecture and county as the National Bureau of
 * Statistics names them (data/divisions.txt, built by scripts/buildDivisions.ts), e.g.
 * 河北省秦皇岛市海港区, 北京市朝阳区 (a municipality's 市辖区 is not printed).
 */
export function divisionPrefixes(): readonly string[] {
  if (prefixes) return prefixes;
  const text = readFileSync(path.join(__dirname, 'data', 'divisions.txt'), 'utf8');
  const out = new Set<string>();
  for (const row of text.split('\n')) {
    const [, province = '', prefecture = '', county = ''] = row.split('|');
    if (!province || !county) continue;
    const middle =
      prefecture === '市辖区' || prefecture === '县' || prefecture.startsWith('省直辖') ? '' : prefecture;
    out.add(`${province}${middle}${county}`);
  }
  prefixes = [...out];
  return prefixes;
}

/** Whether `address` begins with a real division (province, prefecture and county, as printed). */
export function beginsWithDivision(address: string): boolean {
  prefixSet ??= new Set(divisionPrefixes());
  const chars = [...address];
  for (let n = 4; n <= Math.min(chars.length, 24); n++)
    if (prefixSet.has(chars.slice(0, n).join(''))) return true;
  return false;
}

/**
 * The address with its first words spelled as a real division, for each division whose name is
 * within a character or two of how the address begins: candidates for the ink to score.
 */
export function divisionSpellings(address: string): string[] {
  const chars = [...address];
  const head = new Set(chars.slice(0, 20));
  const out: string[] = [];
  for (const prefix of divisionPrefixes()) {
    const n = [...prefix].length;
    if (chars.length < n - 2) continue;
    // Within two edits the prefix shares all but two of its characters with the address's start.
    let shared = 0;
    for (const c of prefix) if (head.has(c)) shared++;
    if (shared < n - 2) continue;
    for (const len of [n - 1, n, n + 1]) {
      const head = chars.slice(0, len).join('');
      if (head === prefix) return [];
      if (editDistance(head, prefix) <= Math.min(2, Math.floor(n / 5)))
        out.push(prefix + chars.slice(len).join(''));
    }
  }
  return [...new Set(out)];
}
