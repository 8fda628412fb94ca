import { ctcLogLikelihood } from './ctcScore';
import type { OnnxEngine } from './OnnxEngine';
import type { RgbImage } from './RgbImage';
import { inkOnly, type OcrLine } from './readCard';
import { recognizeText } from './recognizeText';

/** Nats by which the likeliest town must beat the runner-up to replace the one read. */
const MARGIN = 1;

/**
 * Of several real towns one character from the town read (汲家镇: 汲冢镇 or 汲水镇), the one the
 * ink of its line supports best by CTC likelihood, when clearly so; otherwise the town as read.
 */
export async function chooseTown(
  engine: OnnxEngine,
  card: RgbImage,
  lines: readonly OcrLine[],
  town: { read: string; options: readonly string[] },
): Promise<string> {
  const line = lines.find((l) => l.text.includes(town.read));
  if (!line) return town.read;
  const rec = await recognizeText(engine, inkOnly(card), line.box);
  const index = new Map(engine.dictionary.map((c, i) => [c, i + 1]));
  const scored = town.options
    .map((option) => {
      const labels = [...line.text.replace(town.read, option).replace(/\s/g, '')].map(
        (c) => index.get(c) ?? -1,
      );
      const fit = labels.includes(-1)
        ? Number.NEGATIVE_INFINITY
        : ctcLogLikelihood(rec.scores, rec.steps, rec.classes, labels);
      return { option, fit };
    })
    .sort((a, b) => b.fit - a.fit);
  const [best, second] = scored;
  if (!best || !Number.isFinite(best.fit) || (second && best.fit - second.fit < MARGIN)) return town.read;
  return best.option;
}
