import { createHash } from 'node:crypto';
import type {
  DriverLicenseRecognizer,
  RecognizeOutcome,
  WeChatDriverLicenseFields,
} from '../../../emulator/openapi/DriverLicenseRecognizer';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Answers what a test scripted for each image, and counts the calls that reached it. */
export class ScriptedRecognizer implements DriverLicenseRecognizer {
  private readonly outcomes = new Map<string, RecognizeOutcome>();
  calls = 0;

  answer(image: Uint8Array, outcome: RecognizeOutcome | WeChatDriverLicenseFields): void {
    this.outcomes.set(sha256(image), 'errcode' in outcome ? outcome : { errcode: 0, fields: outcome });
  }

  async recognize(image: Buffer): Promise<RecognizeOutcome> {
    this.calls++;
    return this.outcomes.get(sha256(image)) ?? { errcode: 101001, errmsg: 'certificate not found' };
  }

  reset(): void {
    this.outcomes.clear();
    this.calls = 0;
  }
}
