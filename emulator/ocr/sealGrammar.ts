import { prefectures } from './gazetteer';

/** What follows the city in an issuing authority's name, the common forms first. */
const AUTHORITY_SUFFIXES = [
  '公安局交通警察支队',
  '公安局交通管理局',
  '公安局公安交通管理局',
  '公安交通管理局',
  '公安局交通警察总队',
  '公安局交通巡逻警察总队',
  '公安局交通警察支队车辆管理所',
  '公安局交通管理局车辆管理所',
  '公安局车辆管理所',
  '公安处交通警察支队',
] as const;

let cached: string[] | undefined;
let priors: Map<string, number> | undefined;

/**
 * Log prior (nats) of a candidate relative to the commonest form: a prefecture's authority
 * nearly always carries its province on the seal, and 公安处 (railway/forestry police) is rare.
 * Used to break near-ties between a candidate and the same name with its province dropped.
 */
export function sealPrior(text: string): number {
  priors ??= buildPriors();
  return priors.get(text) ?? 0;
}

function buildPriors(): Map<string, number> {
  const out = new Map<string, number>();
  for (const { province, name } of prefectures()) {
    for (const suffix of AUTHORITY_SUFFIXES) {
      const rare = suffix.startsWith('公安处') ? -3 : 0;
      out.set(`${name}${suffix}`, rare + (province ? PROVINCE_DROPPED : 0));
      if (province) out.set(`${province}${name}${suffix}`, rare);
    }
  }
  return out;
}

/** Prior of a prefecture's authority written without its province. */
const PROVINCE_DROPPED = -4;

/**
 * Every authority name the seal grammar allows: province? + prefecture + suffix. Municipalities
 * take no province; prefectures appear both with and without their province.
 */
export function sealCandidates(): readonly string[] {
  if (cached) return cached;
  const out: string[] = [];
  for (const { province, name } of prefectures()) {
    for (const suffix of AUTHORITY_SUFFIXES) {
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
