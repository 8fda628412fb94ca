import type {
  DriverLicenseRecognizer,
  RecognizeOptions,
  RecognizeOutcome,
} from '../openapi/DriverLicenseRecognizer';
import { ImageDecodeError } from './image/decodePhoto';
import { readLicense } from './readLicense';
import { OnnxEngine } from './text/OnnxEngine';
import { Trace } from './trace/Trace';
import { writeTrace } from './trace/writeTrace';

export interface LocalRecognizerOptions {
  /** Long side (px) of the copy the card is searched in; tiny photos are enlarged to it. Default 1280. */
  workSize?: number;
  /** Long side (px) of the copy regions are cut from. Default 2048. */
  sourceSize?: number;
  /** Long side (px) of what the text detector sees of a whole photo. Default 960. */
  photoDetSize?: number;
  /** Long side (px) of what the text detector sees of a flattened card. Default 640. */
  cardDetSize?: number;
  /** Cores the models use: one ONNX worker each, the detector on all of them. Default 2. */
  threads?: number;
  /** Writes each photo's trace (a PNG of what was found, a JSON of every stage) into this folder. */
  traceDir?: string;
}

export type LocalRecognizer = DriverLicenseRecognizer & { close(): Promise<void> };

/**
 * The local engine behind the emulator's ocr.driverLicense. The ONNX workers start on the first
 * call (the promise is cached, so concurrent first calls share it) and `close()` stops it.
 * Photos are recognized one at a time: the models already use both cores.
 */
export function createLocalRecognizer(options: LocalRecognizerOptions = {}): LocalRecognizer {
  const known = new Set(['workSize', 'sourceSize', 'photoDetSize', 'cardDetSize', 'threads', 'traceDir']);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new TypeError(`createLocalRecognizer: unknown option "${key}"`);
  }
  const read = {
    workSize: options.workSize ?? 1280,
    sourceSize: options.sourceSize ?? 2048,
    photoDetSize: options.photoDetSize ?? 960,
    cardDetSize: options.cardDetSize ?? 640,
  };
  let engine: Promise<OnnxEngine> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  let count = 0;

  const getEngine = (): Promise<OnnxEngine> => {
    if (closed) return Promise.reject(new Error('local OCR recognizer is closed'));
    engine ??= OnnxEngine.start(options.threads ?? 2);
    // A failed start is not cached, so a later call may retry.
    engine.catch(() => {
      engine = undefined;
    });
    return engine;
  };

  const recognizeNow = async (
    image: Buffer,
    onTrace?: RecognizeOptions['onTrace'],
  ): Promise<RecognizeOutcome> => {
    const trace = new Trace(options.traceDir !== undefined || onTrace !== undefined);
    let outcome: RecognizeOutcome;
    try {
      outcome = await readLicense(await getEngine(), image, read, trace);
    } catch (error) {
      if (!(error instanceof ImageDecodeError)) throw error;
      outcome = { errcode: 101002, errmsg: 'image decode failed' };
    }
    if (options.traceDir !== undefined)
      await writeTrace(options.traceDir, ++count, image, trace, outcome, read);
    onTrace?.(trace);
    return outcome;
  };

  return {
    recognize(image: Buffer, recognizeOptions?: RecognizeOptions): Promise<RecognizeOutcome> {
      const run = queue.then(() => recognizeNow(image, recognizeOptions?.onTrace));
      queue = run.catch(() => undefined);
      return run;
    },
    async warmup(): Promise<void> {
      await getEngine();
    },
    async close(): Promise<void> {
      closed = true;
      const started = engine;
      engine = undefined;
      if (started) await (await started.catch(() => undefined))?.close();
    },
  };
}
