import { readFileSync } from 'node:fs';
import path from 'node:path';
import { editDistance } from '../seal/sealGrammar';

/** One county of the gazetteer: its code, province, prefecture ('' where none is printed) and townships. */
interface County {
  code: string;
  province: string;
  prefecture: string;
  /** Whether its province is a municipality (its counties listed under 市辖区). */
  municipal: boolean;
  county: string;
  townships: string[];
}

let counties: readonly County[] | undefined;

/**
 * The divisions as the National Bureau of Statistics names them (data/divisions.txt, built by
 * scripts/buildDivisions.ts): a municipality's 市辖区, its 县 and a province's directly
 * administered counties (省直辖) are not printed.
 */
function gazetteer(): readonly County[] {
  counties ??= readFileSync(path.join(__dirname, 'data', 'divisions.txt'), 'utf8')
    .split('\n')
    .flatMap((row) => {
      const [code = '', province = '', prefecture = '', county = '', townships = ''] = row.split('|');
      if (!province || !county) return [];
      const printed = !(prefecture === '市辖区' || prefecture === '县' || prefecture.startsWith('省直辖'));
      return [
        {
          code,
          province,
          prefecture: printed ? prefecture : '',
          municipal: prefecture === '市辖区',
          county,
          townships: townships.split(',').filter((t) => [...t].length >= 3),
        },
      ];
    });
  return counties;
}

let divisions: ReadonlyMap<string, readonly string[]> | undefined;
let countyCodes: ReadonlySet<string> | undefined;
let places: ReadonlySet<string> | undefined;
let provinces: readonly string[] | undefined;

/**
 * How an address begins on a licence: province, prefecture and county, e.g. 河北省秦皇岛市海港区,
 * 北京市朝阳区, each with its townships (镇, 乡, 街道), which rural addresses print next.
 */
function divisionsByPrefix(): ReadonlyMap<string, readonly string[]> {
  if (divisions) return divisions;
  const out = new Map<string, string[]>();
  for (const { province, prefecture, county, townships } of gazetteer()) {
    const prefix = `${province}${prefecture}${county}`;
    out.set(prefix, [...(out.get(prefix) ?? []), ...townships]);
  }
  divisions = out;
  return divisions;
}

/**
 * Whether `text` names a real division as a card prints one before what it belongs to: a county
 * alone or after its prefecture and province, a prefecture alone or after its province, or a
 * municipality (北京市朝阳区, 浙江省金华市义乌市, 义乌市, 河北省秦皇岛市).
 */
export function isPlaceName(text: string): boolean {
  places ??= new Set(
    gazetteer().flatMap(({ province, prefecture, municipal, county }) => [
      county,
      `${province}${county}`,
      `${province}${prefecture}${county}`,
      ...(prefecture ? [prefecture, `${province}${prefecture}`, `${prefecture}${county}`] : []),
      ...(municipal ? [province] : []),
    ]),
  );
  return places.has(text);
}

/**
 * Whether `text` begins with a province's name as printed, suffix and all (河北省, 北京市,
 * 广西壮族自治区): how an address begins, and no person's name does.
 */
export function beginsWithProvince(text: string): boolean {
  provinces ??= [...new Set(gazetteer().map((c) => c.province))];
  return provinces.some((p) => text.startsWith(p));
}

/** Whether `code` is a county's six-digit code (GB/T 2260) as the gazetteer has it today. */
export function isCountyCode(code: string): boolean {
  countyCodes ??= new Set(
    gazetteer()
      .map((c) => c.code)
      .filter((c) => /^\d{6}$/.test(c)),
  );
  return countyCodes.has(code);
}

/** The real division `address` begins with (province, prefecture and county, as printed) and the rest. */
function splitDivision(address: string): { prefix: string; rest: string[] } | undefined {
  const known = divisionsByPrefix();
  const chars = [...address];
  for (let n = 4; n <= Math.min(chars.length, 24); n++) {
    const prefix = chars.slice(0, n).join('');
    if (known.has(prefix)) return { prefix, rest: chars.slice(n) };
  }
  return undefined;
}

/**
 * How far `address` begins as a real place: 0 not at all, 1 with a real division (province,
 * prefecture and county, as printed), 2 with one of that division's townships after it.
 */
export function divisionDepth(address: string): 0 | 1 | 2 {
  const split = splitDivision(address);
  if (!split) return 0;
  const rest = split.rest.join('');
  return divisionsByPrefix()
    .get(split.prefix)
    ?.some((t) => rest.startsWith(t))
    ? 2
    : 1;
}

/**
 * The address with its first words spelled as a real division, for each division whose name is
 * within a few characters of how the address begins (one in five, at most three), and with the
 * township after it spelled as one of that division's townships within a character: candidates
 * for the ink to score.
 */
export function divisionSpellings(address: string): string[] {
  if (splitDivision(address)) return townshipSpellings(address);
  const chars = [...address];
  const head = new Set(chars.slice(0, 20));
  const respelled: string[] = [];
  for (const prefix of divisionsByPrefix().keys()) {
    const n = [...prefix].length;
    const edits = Math.min(3, Math.floor(n / 5));
    if (chars.length < n - edits) continue;
    // Within k edits the prefix shares all but k of its characters with the address's start.
    let shared = 0;
    for (const c of prefix) if (head.has(c)) shared++;
    if (shared < n - Math.max(2, edits)) continue;
    for (const len of [n - 1, n, n + 1]) {
      const start = chars.slice(0, len).join('');
      if (editDistance(start, prefix) <= edits) respelled.push(prefix + chars.slice(len).join(''));
    }
  }
  return [...new Set([...respelled, ...respelled.flatMap(townshipSpellings)])];
}

/** `address` with the words after its division spelled as one of its townships a character away. */
function townshipSpellings(address: string): string[] {
  const split = splitDivision(address);
  if (!split) return [];
  const { prefix, rest } = split;
  const out: string[] = [];
  for (const township of divisionsByPrefix().get(prefix) ?? []) {
    const n = [...township].length;
    if (rest.slice(0, n).join('') === township) return [];
    for (const len of [n - 1, n, n + 1])
      if (editDistance(rest.slice(0, len).join(''), township) <= 1)
        out.push(prefix + township + rest.slice(len).join(''));
  }
  return out;
}
