import type {
  DriverLicenseRecognizer,
  RecognizeOutcome,
  WeChatDriverLicenseFields,
} from '../openapi/DriverLicenseRecognizer';
import { chooseTown } from './chooseTown';
import { correctAddress, prefectureOfNumber } from './correctAddress';
import { extractFields, licenseEvidence, otherDocumentWords } from './extractFields';
import { OnnxEngine } from './OnnxEngine';
import { CARD_WIDTH, decodePhoto, ImageDecodeError, readCard } from './readCard';
import { readSeal } from './readSeal';
import { reconcileFields } from './reconcileFields';
import { rereadAddressTail } from './rereadAddressTail';
import { rereadMissing } from './rereadValue';
import { homeCandidates } from './sealGrammar';

export interface LocalRecognizerOptions {
  /** Long side (px) the photo is shrunk to before card detection. Default 1280. */
  workSize?: number;
  /** Scale of the rectified card given to the text detector. Default 0.8. */
  detScale?: number;
  /** ONNX Runtime intra-op threads. Default 2. */
  threads?: number;
}

export type LocalRecognizer = DriverLicenseRecognizer & { close(): Promise<void> };

/** Pieces of licence evidence (distinct labels, a licence-shaped validity) needed to call a photo a driving licence. */
const MIN_EVIDENCE = 4;

const NOT_FOUND: RecognizeOutcome = { errcode: 101001, errmsg: 'certificate not found' };

/**
 * The local engine behind the emulator's ocr.driverLicense. The ONNX worker starts on the first
 * call (the promise is cached, so concurrent first calls share it) and `close()` stops it.
 * Photos are recognized one at a time: the models already use both cores.
 */
export function createLocalRecognizer(options: LocalRecognizerOptions = {}): LocalRecognizer {
  const known = new Set(['workSize', 'detScale', 'threads']);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new TypeError(`createLocalRecognizer: unknown option "${key}"`);
  }
  const workSize = options.workSize ?? 1280;
  const detScale = options.detScale ?? 0.8;
  let engine: Promise<OnnxEngine> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const getEngine = (): Promise<OnnxEngine> => {
    if (closed) return Promise.reject(new Error('local OCR recognizer is closed'));
    engine ??= OnnxEngine.start(options.threads ?? 2);
    // A failed start is not cached, so a later call may retry.
    engine.catch(() => {
      engine = undefined;
    });
    return engine;
  };

  const recognizeNow = async (image: Buffer): Promise<RecognizeOutcome> => {
    let photo: Awaited<ReturnType<typeof decodePhoto>>;
    try {
      photo = await decodePhoto(image, workSize);
    } catch (error) {
      if (error instanceof ImageDecodeError) return { errcode: 101002, errmsg: 'image decode failed' };
      throw error;
    }
    const ocr = await getEngine();
    const reading = await readCard(ocr, photo, { workSize, detScale });
    const evidence = licenseEvidence(reading.lines);
    if (evidence.size < MIN_EVIDENCE || otherDocumentWords(reading.lines) >= 2) return NOT_FOUND;
    const extracted = extractFields(reading.lines, CARD_WIDTH);
    await rereadMissing(ocr, reading.card, reading.lines, extracted);
    const address = correctAddress(
      await rereadAddressTail(ocr, reading.card, reading.lines, extracted.address),
    );
    extracted.address = address.town
      ? address.address.replace(
          address.town.read,
          await chooseTown(ocr, reading.card, reading.lines, address.town),
        )
      : address.address;
    // Old-style cards print 有效起始日期 and a period length (6年) instead of an end date.
    const oldStyle = evidence.has('valid_from') || /年$/.test(extracted.valid_to);
    const reconciled = reconcileFields(extracted, oldStyle);
    // The seal's authority is usually the holder's: the prefecture the address names, else (no
    // address read) the one the citizen number was registered in.
    const home =
      homeCandidates(reconciled.address).length > 0
        ? reconciled.address
        : prefectureOfNumber(reconciled.id_num);
    const fields: WeChatDriverLicenseFields = {
      ...reconciled,
      official_seal: await readSeal(ocr, reading.card, home),
    };
    return { errcode: 0, fields };
  };

  return {
    recognize(image: Buffer): Promise<RecognizeOutcome> {
      const run = queue.then(() => recognizeNow(image));
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
