import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { RecognizeOutcome } from '../../openapi/DriverLicenseRecognizer';
import { decodePhoto } from '../image/decodePhoto';
import type { RgbImage } from '../image/RgbImage';
import { drawTrace, type TraceDrawings } from './drawTrace';
import type { Trace } from './Trace';

/**
 * Writes the trace of the photo numbered `n`: `NNN-trace.png` (what was found, drawn on the
 * photo) and `NNN-trace.json` (every stage's timing and output). They hold the licence's personal
 * data as read: they are for the developer's own machine.
 */
export async function writeTrace(
  dir: string,
  n: number,
  image: Buffer,
  trace: Trace,
  outcome: RecognizeOutcome,
  sizes: { workSize: number; sourceSize: number },
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const base = path.join(dir, String(n).padStart(3, '0'));
  await writeFile(`${base}-trace.json`, `${JSON.stringify({ outcome, stages: trace.stages }, null, 1)}\n`);
  if (outcome.errcode === 101002) return;
  const { source } = await decodePhoto(image, sizes);
  await writeFile(`${base}-trace.png`, await drawTrace(source, trace.drawings as TraceDrawings));
  const flat = trace.drawings.flat as RgbImage | undefined;
  if (flat) {
    const png = await sharp(Buffer.from(flat.data), {
      raw: { width: flat.width, height: flat.height, channels: 3 },
    })
      .png()
      .toBuffer();
    await writeFile(`${base}-flat.png`, png);
  }
}
