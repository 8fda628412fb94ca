import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RecognizeOutcome } from '../../openapi/DriverLicenseRecognizer';
import type { Trace } from './Trace';

/** Writes `NNN-trace.json` (every stage's timing and output) for the photo numbered `n`. */
export async function writeTrace(
  dir: string,
  n: number,
  _image: Buffer,
  trace: Trace,
  outcome: RecognizeOutcome,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const base = path.join(dir, String(n).padStart(3, '0'));
  await writeFile(`${base}-trace.json`, `${JSON.stringify({ outcome, stages: trace.stages }, null, 1)}\n`);
}
