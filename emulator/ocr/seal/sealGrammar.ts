import { isPlaceName } from '../fields/divisions';
import { prefectures } from './gazetteer';

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

let withChars: Array<{ text: string; chars: string[] }> | undefined;

/** Each candidate with its distinct characters, computed once. */
function candidateChars(): Array<{ text: string; chars: string[] }> {
  withChars ??= sealCandidates().map((text) => ({ text, chars: [...new Set(text)] }));
  return withChars;
}

/** The grammar candidates closest to `reading` by edit distance, nearest first. */
export function nearestCandidates(reading: string, limit: number): Array<{ text: string; distance: number }> {
  // Only names of about the reading's length sharing most of its characters can be near it.
  const chars = new Set(reading);
  const need = Math.floor(chars.size / 2);
  const length = [...reading].length;
  const scored = candidateChars()
    .filter(({ text, chars: own }) => {
      if (Math.abs(text.length - length) > 4) return false;
      let shared = 0;
      for (const c of own) if (chars.has(c)) shared++;
      return shared >= need;
    })
    .map(({ text }) => text)
    .map((text) => ({ text, distance: editDistance(reading, text) }));
  scored.sort((a, b) => a.distance - b.distance || a.text.length - b.text.length);
  return scored.slice(0, limit);
}

/** Scores a candidate (higher is likelier): its CTC log-likelihood under the seal's lines. */
export type CandidateScorer = (text: string) => number;

/** How much likelier (nats) the best candidate must be than the runner-up to be chosen. */
const MARGIN = 2.3;
/** How much less likely (nats) than the reading itself a correction may be, per character changed. */
const LOSS_PER_EDIT = 4;
/**
 * A name no other comes near (the runner-up trails by CLEAR_MARGIN) may cost more: LONE_LOSS for a
 * single change, CLEAR_LOSS_PER_EDIT for each of several.
 */
const CLEAR_MARGIN = 8;
const LONE_LOSS = 12;
const CLEAR_LOSS_PER_EDIT = 6;

/** The bodies an authority is named by: the list's, and a county's (the list has prefectures only). */
const BODIES: readonly string[] = [
  ...AUTHORITY_SUFFIXES.map(([suffix]) => suffix),
  '公安局交通警察大队',
  '公安局交通管理大队',
  '公安局交警大队',
];

/**
 * Whether a reading is an issuing authority's name in form: a real place (a division of the
 * national gazetteer: 郸城县, 浙江省金华市义乌市), then a body the traffic police are named by.
 * A misread place (新维吾尔自治区, 哈市) or body (公安通支队) is no authority: the ink was misread.
 * An address's words or digits before the place make it no place either.
 */
export function looksLikeAuthority(text: string): boolean {
  return BODIES.some((body) => text.endsWith(body) && isPlaceName(text.slice(0, -body.length)));
}

let known: ReadonlySet<string> | undefined;

/** Whether the text is one of the grammar's names (a prefecture's or municipality's authority). */
export function isKnownAuthority(text: string): boolean {
  known ??= new Set(sealCandidates());
  return known.has(text);
}

/**
 * The seal as the grammar would spell it, when the ink supports that spelling: among the
 * grammar's names a few characters from the reading, the one whose likelihood under the seal's
 * lines beats every other by a margin and falls short of the reading's own by no more than a
 * misread character's worth per change. Otherwise the reading unchanged: an authority missing
 * from the list (a county's 大队) stays as read, and no name the ink does not show is put in.
 */
export function correctSeal(reading: string, score: CandidateScorer): string {
  const text = reading.replace(/\s+/g, '');
  if (text.length < 4 || isKnownAuthority(text)) return text;
  const near = nearestCandidates(text, 24).filter(
    (c) => c.distance <= Math.max(2, Math.floor([...text].length * 0.3)),
  );
  const ranked = near
    .map((c) => ({ ...c, score: score(c.text) + sealPrior(c.text) }))
    .filter((c) => Number.isFinite(c.score))
    .sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  if (!best || best.distance === 0) return text;
  if (second && best.score - second.score < MARGIN) return text;
  // Changes towards the only name near (a look-alike: 浠圳 for 深圳; 警察 read as 世数 under glare)
  // may cost more: the runner-up is far behind. Where two names compete, each change must be cheap.
  const clear = !second || best.score - second.score >= CLEAR_MARGIN;
  const allowed = clear
    ? Math.max(LONE_LOSS, CLEAR_LOSS_PER_EDIT * best.distance)
    : LOSS_PER_EDIT * best.distance;
  if (score(text) - score(best.text) > allowed) return text;
  return best.text;
}
