import type { OnnxEngine } from './OnnxEngine';
import type { RgbImage } from './RgbImage';
import { recognizeText } from './recognizeText';
import { decodeConstrained, type ScoredCandidate } from './sealDecode';
import { editDistance, sealCandidates, sealPrior } from './sealGrammar';
import { findRingInMap, type InkMap, inkMap, paperBalance, type SealEllipse } from './sealRing';
import { measureTextBand, type SealTextBand, unwrapSeal } from './sealUnwrap';

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
/** The best grammar candidate must beat the runner-up by this many nats... */
const MARGIN = 1.5;
/** ...and be at most this many nats less likely than the best unconstrained path... */
const MAX_LOSS = 40;
/**
 * ...unless the recognizer read the strip confidently (mean character score above this) as
 * something two or more characters away and the candidate is far less likely than that reading
 * (SURE_LOSS nats, about two clearly different characters): then it is an authority the grammar
 * does not know (a county 大队, say). Confident misreads that merely drop a character stay
 * below it.
 */
const SURE_READING = 0.9;
/** Nats per character of difference between a candidate's length and the raw reading's. */
const LENGTH_PENALTY = 1;
const SURE_LOSS = 25;

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
 * unwrapped into a strip and recognized, then decoded against the seal grammar by CTC likelihood;
 * the grammar's answer is taken only when it is clearly the likeliest and not far from what the
 * recognizer saw, otherwise the recognizer's own reading stands.
 */
export async function readSealDetailed(engine: OnnxEngine, image: RgbImage): Promise<SealReading> {
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
    const attempt = await readBand(engine, image, ring, band);
    if (!chosen || attempt.loss < chosen.loss) chosen = attempt;
    if (attempt.accepted) break;
  }
  const pick = chosen as Attempt;
  return {
    text: pick.accepted ? (pick.ranked[0]?.text ?? pick.raw) : pick.raw,
    raw: pick.raw,
    ring,
    band: pick.band,
    strip: pick.strip,
    candidates: pick.ranked.map((c) => ({ text: c.text, loss: pick.bestPath - c.logP })),
  };
}

const UP = -Math.PI / 2;
const DEFAULT_HALF_SPAN = Math.PI * 0.82;

interface Attempt {
  band: SealTextBand;
  strip: RgbImage;
  raw: string;
  ranked: ScoredCandidate[];
  bestPath: number;
  /** How much less likely than the best path the best candidate is (Infinity if none). */
  loss: number;
  /** Whether the best candidate is clearly the answer. */
  accepted: boolean;
}

/** Unwraps one band, recognizes it and decodes it against the grammar. */
async function readBand(
  engine: OnnxEngine,
  image: RgbImage,
  ring: SealEllipse,
  band: SealTextBand,
): Promise<Attempt> {
  const strip = unwrapSeal(image, ring, band);
  const read = await recognizeText(engine, strip, { x0: 0, y0: 0, x1: strip.width, y1: strip.height });
  const raw = read.text.replace(/\s+/g, '');
  // Nothing read: no seal text to correct (and a flat strip would prune nothing in the trie).
  if (raw === '') {
    return { band, strip, raw, ranked: [], bestPath: 0, loss: Number.POSITIVE_INFINITY, accepted: false };
  }
  const { ranked, bestPath } = decodeConstrained(
    read.scores,
    read.steps,
    read.classes,
    engine.dictionary,
    sealCandidates(),
    3,
    // A candidate far shorter or longer than what the recognizer saw explains the extra ink (or
    // its absence) by blanks; CTC alone under-charges that on a blurred strip.
    (text) => sealPrior(text) - LENGTH_PENALTY * Math.abs([...text].length - [...raw].length),
  );
  const [best, second] = ranked;
  const loss = best ? bestPath - best.logP : Number.POSITIVE_INFINITY;
  const sure = read.confidence >= SURE_READING && [...raw].length >= 6;
  const accepted =
    !!best &&
    (!second || best.logP - second.logP >= MARGIN) &&
    loss <= MAX_LOSS &&
    !(sure && loss > SURE_LOSS && editDistance(raw, best.text) >= 2);
  return { band, strip, raw, ranked, bestPath, loss, accepted };
}

/** Reads the issuing authority along the seal's arc, corrected by the seal grammar; '' if no seal. */
export async function readSeal(engine: OnnxEngine, image: RgbImage): Promise<string> {
  return (await readSealDetailed(engine, image)).text;
}
