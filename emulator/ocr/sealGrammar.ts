import { type Prefecture, prefectures } from './gazetteer';

/**
 * What follows the city in an issuing authority's name, with its log prior (nats) for a
 * prefecture and for a municipality. A prefecture's traffic police is usually a 支队 (in some
 * large cities a 交通管理局, hence its slightly lower prior); 总队 and the stand-alone
 * 公安交通管理局 are provincial-rank units that only the four municipalities have, and a
 * municipality has no city-wide 支队. Rare forms stay in the grammar (they exist) but must be
 * clearly read to win: CTC alone favours short names on a blurred strip, and the rank-breaking
 * forms are the short ones.
 */
const AUTHORITY_SUFFIXES: ReadonlyArray<readonly [suffix: string, prefecture: number, municipality: number]> =
  [
    ['公安局交通警察支队', 0, -3],
    ['公安局交通管理局', -0.5, 0],
    ['公安局公安交通管理局', -3, 0],
    ['公安交通管理局', -3, 0],
    ['公安局交通警察总队', -4, 0],
    ['公安局交通巡逻警察总队', -4, 0],
    ['公安局交通警察支队车辆管理所', -1, -3],
    ['公安局交通管理局车辆管理所', -1, -1],
    ['公安局车辆管理所', -1, -1],
    ['公安处交通警察支队', -3, -3],
  ];

/**
 * The four municipalities' traffic authorities by their actual names; the other municipal forms
 * stay possible (renamings, older cards) at MUNICIPAL_OTHER.
 */
const MUNICIPAL_AUTHORITIES: ReadonlySet<string> = new Set([
  '北京市公安局公安交通管理局',
  '天津市公安交通管理局',
  '上海市公安局交通警察总队',
  '重庆市公安局交通巡逻警察总队',
]);
const MUNICIPAL_OTHER = -2;

/** Prior of a prefecture's authority written without its province. */
const PROVINCE_DROPPED = -4;

let cached: string[] | undefined;
let priors: Map<string, number> | undefined;

/**
 * Log prior (nats) of a candidate relative to the commonest form: a prefecture's authority
 * nearly always carries its province on the seal, and each suffix has its usual rank (above).
 * Used to break near-ties between readings the strip alone cannot tell apart.
 */
export function sealPrior(text: string): number {
  priors ??= buildPriors();
  return priors.get(text) ?? 0;
}

function buildPriors(): Map<string, number> {
  const out = new Map<string, number>();
  for (const { province, name } of prefectures()) {
    for (const [suffix, prefecture, municipality] of AUTHORITY_SUFFIXES) {
      if (!province) {
        const text = `${name}${suffix}`;
        out.set(text, MUNICIPAL_AUTHORITIES.has(text) ? 0 : Math.min(municipality, 0) + MUNICIPAL_OTHER);
        continue;
      }
      out.set(`${name}${suffix}`, prefecture + PROVINCE_DROPPED);
      out.set(`${province}${name}${suffix}`, prefecture);
    }
  }
  return out;
}

/**
 * Every authority name the seal grammar allows: province? + prefecture + suffix. Municipalities
 * take no province; prefectures appear both with and without their province.
 */
export function sealCandidates(): readonly string[] {
  if (cached) return cached;
  const out: string[] = [];
  for (const { province, name } of prefectures()) {
    for (const [suffix] of AUTHORITY_SUFFIXES) {
      out.push(`${name}${suffix}`);
      if (province) out.push(`${province}${name}${suffix}`);
    }
  }
  cached = out;
  return out;
}

/** Nats added to an authority of the prefecture the holder's address names, and of its province. */
const SAME_PREFECTURE = 6;
const SAME_PROVINCE = 1;

let homes: Map<string, Prefecture> | undefined;

/**
 * Where in an address its prefecture is looked for: right at the start, or after the province —
 * there one misread character is tolerated when the province itself was read (跆尔滨市 after
 * 黑龙江省), unless the address names another prefecture exactly: 杭州 and 台州 (and 湖州) of
 * one province do differ by a single character.
 */
function namesPrefecture(address: string, { province, name }: Prefecture): 'exact' | 'near' | false {
  const at = address.indexOf(name);
  if (at === 0 || (province !== '' && at >= 0 && at <= province.length + 1)) return 'exact';
  const after = [...address.slice(province.length)].slice(0, [...name].length).join('');
  return province !== '' && address.startsWith(province) && editDistance(after, name) === 1 ? 'near' : false;
}

let lastAddress: { address: string; homes: readonly Prefecture[] } | undefined;

/** The prefectures an address names: the exact ones, else those a character away. */
function addressPrefectures(address: string): readonly Prefecture[] {
  if (lastAddress?.address !== address) {
    const named = prefectures().map((p) => ({ p, how: namesPrefecture(address, p) }));
    const exact = named.filter((n) => n.how === 'exact').map((n) => n.p);
    const homes = exact.length > 0 ? exact : named.filter((n) => n.how === 'near').map((n) => n.p);
    lastAddress = { address, homes };
  }
  return lastAddress.homes;
}

/**
 * Prior from the holder's address: a licence is issued by the traffic police where its holder
 * lives, so the authority of the prefecture the address names (or at least of its province) is
 * likelier. It tips close calls between readings of a blurred strip; a clear strip of another
 * city's authority (the holder moved) still wins. Zero when the address names no known prefecture.
 */
export function addressPrior(text: string, address: string): number {
  homes ??= new Map(
    prefectures().flatMap((p) =>
      AUTHORITY_SUFFIXES.flatMap(([suffix]) => [
        [`${p.name}${suffix}`, p] as const,
        [`${p.province}${p.name}${suffix}`, p] as const,
      ]),
    ),
  );
  const home = homes.get(text);
  if (!home || address === '') return 0;
  if (addressPrefectures(address).includes(home)) {
    // The form the seal normally takes: the municipality's actual authority, or the prefecture's
    // authority with its province; other forms of the same city get the province's share only.
    const usual = home.province ? text.startsWith(home.province) : MUNICIPAL_AUTHORITIES.has(text);
    return usual ? SAME_PREFECTURE : SAME_PROVINCE;
  }
  return home.province !== '' && address.startsWith(home.province) ? SAME_PROVINCE : 0;
}

/** The authorities of the prefecture an address names (every suffix, with and without province). */
export function homeCandidates(address: string): string[] {
  const [home] = addressPrefectures(address);
  if (!home) return [];
  return AUTHORITY_SUFFIXES.flatMap(([suffix]) =>
    home.province
      ? [`${home.province}${home.name}${suffix}`, `${home.name}${suffix}`]
      : [`${home.name}${suffix}`],
  );
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/** The grammar candidates closest to `reading` by edit distance, nearest first. */
export function nearestCandidates(reading: string, limit: number): Array<{ text: string; distance: number }> {
  const scored = sealCandidates().map((text) => ({ text, distance: editDistance(reading, text) }));
  scored.sort((a, b) => a.distance - b.distance || a.text.length - b.text.length);
  return scored.slice(0, limit);
}

/** Scores a candidate (higher is likelier), e.g. its CTC log-likelihood under the strip's scores. */
export type CandidateScorer = (text: string) => number;

/** How much likelier (in nats) the best reading must be than the runner-up to be chosen. */
const MARGIN = 2.3;
/** How much less likely (in nats) than the raw reading a correction may be: a few misread characters. */
const MAX_LOSS = 25;

/**
 * Corrects a seal reading to the grammar when one candidate is far likelier than every other,
 * and close enough to what was read; otherwise returns the reading unchanged.
 */
export function correctSeal(reading: string, score?: CandidateScorer): string {
  const text = reading.replace(/\s+/g, '');
  if (text.length < 4) return text;
  const near = nearestCandidates(text, 24).filter(
    (c) => c.distance <= Math.max(2, Math.ceil([...text].length * 0.35)),
  );
  if (near.length === 0) return text;
  if (!score) {
    const [best, second] = near;
    // Without scores, only an unambiguous nearest candidate is taken.
    if (best && (!second || second.distance > best.distance)) return best.text;
    return text;
  }
  const ranked = near.map((c) => ({ text: c.text, score: score(c.text) })).sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  if (!best || !Number.isFinite(best.score)) return text;
  if (second && best.score - second.score < MARGIN) return text;
  // A reading that is itself far likelier than the best candidate is kept (an authority not in the list).
  if (best.text !== text && score(text) - best.score > MAX_LOSS) return text;
  return best.text;
}
