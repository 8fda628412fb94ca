import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A county-level division as an address prints it, with the towns under it. */
export interface County {
  /** GB/T 2260 code ('' for the few prefectures without counties). */
  code: string;
  /** 'province + prefecture + county' as printed: '湖南省长沙市岳麓区', '北京市朝阳区'. */
  prefix: string;
  /** 'province + prefecture' as printed: '湖南省长沙市', '北京市'. */
  prefecture: string;
  towns: ReadonlySet<string>;
}

/** Prefecture entries that are not printed: municipalities' districts, counties under a province. */
const UNPRINTED = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** Parses divisions.txt lines (code|province|prefecture|county|town,...) into printed prefixes. */
export function parseDivisions(text: string): County[] {
  const out: County[] = [];
  for (const line of text.split('\n')) {
    const [code = '', province = '', prefecture = '', county = '', towns = ''] = line.split('|');
    if (!province || !county) continue;
    const middle = UNPRINTED.has(prefecture) ? '' : prefecture;
    // Prefectures without counties (东莞市) list themselves as their county.
    const prefix = county === prefecture ? province + prefecture : province + middle + county;
    out.push({
      code,
      prefix,
      prefecture: province + middle,
      towns: new Set(towns.split(',').filter(Boolean)),
    });
  }
  return out;
}

/**
 * The prefecture ('province + prefecture' as printed) whose GB/T 2260 code a citizen number
 * starts with (its first four digits), or '' when no current division has it.
 */
export function prefectureOfNumber(idNumber: string, known: readonly County[] = loadCounties()): string {
  if (!/^\d{6}/.test(idNumber)) return '';
  return known.find((c) => c.code.startsWith(idNumber.slice(0, 4)))?.prefecture ?? '';
}

let counties: County[] | undefined;

/** The National Bureau of Statistics' counties and towns (data/divisions.txt, see scripts/buildDivisions.ts). */
export function loadCounties(): County[] {
  counties ??= parseDivisions(readFileSync(path.join(__dirname, 'data', 'divisions.txt'), 'utf8'));
  return counties;
}

/**
 * Edits (substitutions, insertions, deletions) turning `pattern` into a prefix of `text`, with the
 * shortest such prefix's length among the cheapest: a dropped character is taken for lost (glare),
 * not for misread as the next one.
 */
export function prefixDistance(
  pattern: readonly string[],
  text: readonly string[],
): { cost: number; end: number } {
  const n = pattern.length;
  const limit = Math.min(text.length, n + 3);
  // row[j]: edits between pattern[0..i) and text[0..j).
  let row = Array.from({ length: limit + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const next = [i];
    for (let j = 1; j <= limit; j++) {
      const same = pattern[i - 1] === text[j - 1] ? 0 : 1;
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + same);
    }
    row = next;
  }
  let best = { cost: Number.POSITIVE_INFINITY, end: 0 };
  row.forEach((cost, end) => {
    if (cost < best.cost) best = { cost, end };
  });
  return best;
}

/** Edits allowed to a printed prefix of this many characters: one short, two long. */
function allowedEdits(length: number): number {
  return length < 8 ? 1 : 2;
}

/** The town (乡镇, 街道) right after the county, if the address names one there. */
const TOWN = /^[\u4e00-\u9fff]{1,6}?(?:街道|镇|乡)/u;

export interface AddressCorrection {
  /** The address with its county made real, and its town when exactly one real town fits. */
  address: string;
  /** Several real towns one character from the town read (汲家镇: 汲冢镇, 汲水镇): the ink decides. */
  town?: { read: string; options: string[] };
}

/**
 * The address with its division names made real. The 'province + prefecture + county' it starts
 * with, when one or two characters from exactly one real county (朝区 -> 朝阳区, 岳菱区 -> 岳麓区),
 * becomes that county; a town after it that the county does not have becomes the county's one
 * town a character away, or is left for the ink to choose among several. Anything else (streets,
 * estates, an address whose start was lost, a division the gazetteer does not know) stays as read.
 */
export function correctAddress(
  address: string,
  known: readonly County[] = loadCounties(),
): AddressCorrection {
  const text = [...address];
  if (text.length < 4) return { address };
  let best: { county: County; cost: number; end: number } | undefined;
  let runnerUp = Number.POSITIVE_INFINITY;
  for (const county of known) {
    const pattern = [...county.prefix];
    // An address starts with its province: unless its first or second character was read right,
    // the prefix is more than two edits away anyway.
    if (pattern[0] !== text[0] && pattern[1] !== text[1]) continue;
    const { cost, end } = prefixDistance(pattern, text);
    if (cost > allowedEdits(pattern.length)) continue;
    if (!best || cost < best.cost) {
      if (best && best.county.prefix !== county.prefix) runnerUp = Math.min(runnerUp, best.cost);
      best = { county, cost, end };
    } else if (county.prefix !== best.county.prefix) runnerUp = Math.min(runnerUp, cost);
  }
  if (!best || best.cost >= runnerUp) return { address };
  const { prefix, towns } = best.county;
  const rest = text.slice(best.end).join('');
  const town = rest.match(TOWN)?.[0];
  const near = town && !towns.has(town) ? [...towns].filter((t) => oneSubstitution(t, town)) : [];
  if (!town || near.length === 0) return { address: prefix + rest };
  if (near.length === 1) return { address: prefix + near[0] + rest.slice(town.length) };
  return { address: prefix + rest, town: { read: town, options: near } };
}

function oneSubstitution(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  return x.length === y.length && x.filter((c, i) => c !== y[i]).length === 1;
}
