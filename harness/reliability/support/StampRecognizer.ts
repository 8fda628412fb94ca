import type {
  DriverLicenseRecognizer,
  RecognizeOutcome,
} from '../../../emulator/openapi/DriverLicenseRecognizer';
import { readStamp } from './stampedPhoto';

/**
 * Answers the licence stamped into a photo (see stampedPhoto), 101001 for anything else. Stateless,
 * so an emulator in another process (`npm run emulator -- --recognizer <this file>`) answers the
 * same as one in the test process.
 */
export class StampRecognizer implements DriverLicenseRecognizer {
  async recognize(image: Buffer): Promise<RecognizeOutcome> {
    const fields = readStamp(image);
    if (!fields) return { errcode: 101001, errmsg: 'certificate not found' };
    return { errcode: 0, fields };
  }
}

/** What `emulator/cli.ts --recognizer` loads. */
export function createRecognizer(): DriverLicenseRecognizer {
  return new StampRecognizer();
}
