import { ctcLogLikelihood } from './ctcScore';
import type { OnnxEngine } from './OnnxEngine';
import type { RgbImage } from './RgbImage';
import { type Recognized, recognizeText } from './recognizeText';
import { decodeConstrained, type ScoredCandidate } from './sealDecode';
import { addressPrior, editDistance, homeCandidates, sealCandidates, sealPrior } from './sealGrammar';
import { findRingInMap, type InkMap, inkMap, paperBalance, type SealEllipse } from './sealRing';
import { estimateGlyphCount, measureTextBand, type SealTextBand, unwrapSeal } from './sealUnwrap';

export type { SealEllipse } from './sealRing';

/** What the seal reader saw, for benchmarks and debugging. */
export interface SealReading {
  /** The authority's name ('' when no seal was found). */
  text: string;
  /** The recognizer's own reading of the chosen strip, before the grammar. */
  raw: string;
  ring: SealEllipse | null;
  band: SealTextBand | null;
  strip: RgbImage | null;
  /** The likeliest grammar candidates, with log-likelihoods relative to the best path. */
  candidates: Array<{ text: string; loss: number }>;
}

/** Side (px) of the ink map the ring is searched in. */
const MAP_SIZE = 600;
/** How many candidates each strip's trie decode hands to the joint scoring. */
const SHORTLIST = 30;
/**
 * A reading is settled (no second direction tried) when its best candidate beats the runner-up
 * by this many nats and is at most MAX_LOSS nats less likely than the best unconstrained path.
 */
const MARGIN = 1.5;
const MAX_LOSS = 40;
/**
 * The recognizer read the ink strip confidently (mean character score above this) as something
 * two or more characters away from the best candidate, which is far less likely than that reading
 * (SURE_LOSS nats, about two clearly different characters): then it is an authority the grammar
 * does not know (a county 大队, say) and the reading stands. Confident misreads that merely drop
 * a character stay below it.
 */
const SURE_READING = 0.9;
const SURE_LOSS = 25;
/** Nats per character of difference between a candidate's length and the ink strip's reading. */
const LENGTH_PENALTY = 1;
/** Nats per character of difference between a candidate's length and the glyphs counted on the strip. */
const COUNT_PENALTY = 3;
/** Pruning bound (nats below the best path) of the second decode when the first found nothing. */
const WIDE_PRUNE = -400;
/**
 * Loss (nats) of the best-fitting name up to which a strip's evidence counts in full. A strip no
 * name fits (glare, blur: a tenth of strips lose 55 nats or more) separates candidates mostly by
 * noise and by their lengths, so its evidence is weighed by (TRUSTED_LOSS / loss)^2 against the
 * priors: the holder's prefecture in its commonest form then wins unless the ink says otherwise.
 */
const TRUSTED_LOSS = 10;

export function evidenceWeight(bestFit: number): number {
  return Math.min(1, (TRUSTED_LOSS / Math.max(Number.EPSILON, -bestFit)) ** 2);
}
/** Ink strip: each column's ink normalised to its neighbourhood, at most this much brighter. */
const LOCAL_CONTRAST = 0.3;

/** Finds the ring in the image (any orientation, rectified or not), in image pixels. */
export function findSealRing(image: RgbImage): SealEllipse | null {
  return locateSeal(image)?.ring ?? null;
}

/** The ink map (about MAP_SIZE on its long side) and the ring found in it, scaled to the image. */
function locateSeal(image: RgbImage): { map: InkMap; ring: SealEllipse } | null {
  const step = Math.max(1, Math.round(Math.max(image.width, image.height) / MAP_SIZE));
  const map = inkMap(image, step, paperBalance(image));
  const found = findRingInMap(map);
  if (!found) return null;
  // Map pixel centres sit at step/2 - 0.5 in the image.
  const ring: SealEllipse = {
    cx: found.cx * step + (step - 1) / 2,
    cy: found.cy * step + (step - 1) / 2,
    rx: found.rx * step,
    ry: found.ry * step,
    angle: found.angle,
  };
  return { map, ring };
}

/**
 * Reads the seal: ring (ellipse), text band and direction measured from the ink, the band
 * unwrapped twice (as an ink map and as the photo itself, which fail on different photos) and
 * recognized, then every grammar candidate scored by its CTC likelihood under both strips plus its
 * prior; the likeliest is the answer (the seal of a licence is always some authority's name, so
 * a guess from the grammar is never worse than the raw reading), unless the recognizer read
 * confidently something the grammar does not know.
 */
export async function readSealDetailed(
  engine: OnnxEngine,
  image: RgbImage,
  address = '',
): Promise<SealReading> {
  const located = locateSeal(image);
  if (!located) return { text: '', raw: '', ring: null, band: null, strip: null, candidates: [] };
  const { map, ring } = located;
  const measured = measureTextBand(map, ring);
  // The card arrives upright (readCard settles its orientation), so the text is centred on the
  // top; the measured direction (from the gap under the text) is tried second, for photos read
  // unrectified or seals whose ink is washed out on one side, where it may mislead.
  const upright: SealTextBand =
    measured.up === UP ? measured : { ...measured, up: UP, halfSpan: DEFAULT_HALF_SPAN };
  const bands = measured.up === UP ? [upright] : [upright, measured];
  let chosen: Attempt | undefined;
  for (const band of bands) {
    const attempt = await readBand(engine, image, ring, band, address);
    if (!chosen || attempt.score > chosen.score) chosen = attempt;
    if (attempt.settled) break;
  }
  const pick = chosen as Attempt;
  return {
    text: pick.text,
    raw: pick.raw,
    ring,
    band: pick.band,
    strip: pick.strip,
    candidates: pick.ranked.map((c) => ({ text: c.text, loss: -c.score })),
  };
}

const UP = -Math.PI / 2;
const DEFAULT_HALF_SPAN = Math.PI * 0.82;

interface Attempt {
  band: SealTextBand;
  /** The ink strip (what benchmarks dump). */
  strip: RgbImage;
  raw: string;
  text: string;
  /** Candidates, best first: joint score = mean log-likelihood relative to each strip's best path + prior. */
  ranked: Array<{ text: string; score: number }>;
  /** The best candidate's joint score (-Infinity when nothing was read). */
  score: number;
  /** Whether the best candidate is clearly the answer (no other direction worth trying). */
  settled: boolean;
}

interface StripReading {
  read: Recognized;
  bestPath: number;
  shortlist: ScoredCandidate[];
}

/** Unwraps one band as two strips, recognizes both and decodes them jointly against the grammar. */
async function readBand(
  engine: OnnxEngine,
  image: RgbImage,
  ring: SealEllipse,
  band: SealTextBand,
  address: string,
): Promise<Attempt> {
  const strip = unwrapSeal(image, ring, band, { local: LOCAL_CONTRAST });
  const photo = unwrapSeal(image, ring, band, { photo: true });
  const readings = await Promise.all([strip, photo].map((s) => readStrip(engine, s)));
  const ink = readings[0] as StripReading;
  const raw = ink.read.text.replace(/\s+/g, '');
  const nothing = {
    band,
    strip,
    raw,
    text: raw,
    ranked: [],
    score: Number.NEGATIVE_INFINITY,
    settled: false,
  };
  // Nothing read on either strip: no seal text to decode (and a flat strip would prune nothing).
  if (readings.every((r) => r.shortlist.length === 0)) return nothing;
  const index = labelIndex(engine.dictionary);
  // The authorities of the holder's own prefecture are scored even when no strip shortlisted them.
  const texts = new Set([
    ...readings.flatMap((r) => r.shortlist.map((c) => c.text)),
    ...homeCandidates(address),
  ]);
  const rawLength = [...raw].length;
  const counted = estimateGlyphCount(strip);
  const scored = [...texts].map((text) => {
    const labels = [...text].map((ch) => index.get(ch) ?? 0);
    let ll = 0;
    for (const r of readings) ll += logLikelihood(r, text, labels);
    // A candidate far shorter or longer than what the recognizer saw explains the extra ink (or
    // its absence) by blanks; CTC alone under-charges that on a blurred strip.
    // The glyph count is a second, independent length measure, from the ink's rhythm.
    const n = [...text].length;
    const length =
      (rawLength > 0 ? LENGTH_PENALTY * Math.abs(n - rawLength) : 0) +
      (counted > 0 ? COUNT_PENALTY * Math.abs(n - counted) : 0);
    return { text, fit: ll / readings.length - length, prior: sealPrior(text) + addressPrior(text, address) };
  });
  const weight = evidenceWeight(Math.max(...scored.map((c) => c.fit)));
  const ranked = scored
    .map((c) => ({ text: c.text, score: weight * c.fit + c.prior }))
    .sort((p, q) => q.score - p.score);
  const [best, second] = ranked;
  if (!best) return nothing;
  const inkLoss = -logLikelihood(
    ink,
    best.text,
    [...best.text].map((ch) => index.get(ch) ?? 0),
  );
  // An authority's name ends in 局, 队, 所 or 处; a confident reading that stops short of that is
  // a strip cut off (glare, a finger), not another authority.
  const sure = ink.read.confidence >= SURE_READING && rawLength >= 6 && /[局队所处]$/.test(raw);
  if (sure && inkLoss > SURE_LOSS && editDistance(raw, best.text) >= 2) {
    return { band, strip, raw, text: raw, ranked: ranked.slice(0, 8), score: best.score, settled: true };
  }
  const settled = (!second || best.score - second.score >= MARGIN) && inkLoss <= MAX_LOSS;
  return { band, strip, raw, text: best.text, ranked: ranked.slice(0, 8), score: best.score, settled };
}

/** Recognizes one strip and shortlists the grammar candidates likeliest under it. */
async function readStrip(engine: OnnxEngine, strip: RgbImage): Promise<StripReading> {
  const read = await recognizeText(engine, strip, { x0: 0, y0: 0, x1: strip.width, y1: strip.height });
  if (read.text.trim() === '') return { read, bestPath: bestPathOf(read), shortlist: [] };
  const decode = (prune?: number) =>
    decodeConstrained(
      read.scores,
      read.steps,
      read.classes,
      engine.dictionary,
      sealCandidates(),
      SHORTLIST,
      undefined,
      prune,
    );
  let { ranked, bestPath } = decode();
  // A confident reading of something else entirely (Latin letters, digits) puts every candidate
  // beyond the usual pruning bound; the likeliest of them are still worth scoring.
  if (ranked.length === 0) ({ ranked, bestPath } = decode(WIDE_PRUNE));
  return { read, bestPath, shortlist: ranked };
}

/** Log-probability of the single best path (each step's likeliest class). */
function bestPathOf({ scores, steps, classes }: Recognized): number {
  let sum = 0;
  for (let t = 0; t < steps; t++) {
    let m = 0;
    for (let c = 0; c < classes; c++) m = Math.max(m, scores[t * classes + c] ?? 0);
    sum += Math.log(Math.max(m, 1e-30));
  }
  return sum;
}

/** A candidate's CTC log-likelihood under a strip, relative to that strip's best path. */
function logLikelihood(reading: StripReading, text: string, labels: readonly number[]): number {
  const known = reading.shortlist.find((c) => c.text === text);
  if (known) return known.logP - reading.bestPath;
  const { scores, steps, classes } = reading.read;
  if (steps === 0) return 0;
  return ctcLogLikelihood(scores, steps, classes, labels) - reading.bestPath;
}

const labelIndexes = new WeakMap<readonly string[], Map<string, number>>();

/** Character -> class index (1-based: 0 is the CTC blank) of the rec model's dictionary. */
function labelIndex(dictionary: readonly string[]): Map<string, number> {
  let index = labelIndexes.get(dictionary);
  if (!index) {
    index = new Map(dictionary.map((ch, i) => [ch, i + 1] as const));
    labelIndexes.set(dictionary, index);
  }
  return index;
}

/** Reads the issuing authority along the seal's arc, corrected by the seal grammar; '' if no seal. */
export async function readSeal(engine: OnnxEngine, image: RgbImage, address = ''): Promise<string> {
  return (await readSealDetailed(engine, image, address)).text;
}
