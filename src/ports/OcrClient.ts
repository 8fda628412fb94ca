/** What the service needs from WeChat's driving-licence OCR, whichever way it is reached. */
export type OcrInput =
  | { kind: 'img'; image: Buffer; contentType: string }
  | { kind: 'imgUrl'; imgUrl: string };

export interface OcrClient {
  /**
   * Returns WeChat's result fields (either casing) or throws an `UpstreamError` carrying WeChat's
   * errcode; any other throw means the call's outcome is unknown (for example a timeout).
   */
  recognizeDriverLicense(input: OcrInput): Promise<Record<string, unknown>>;
}

/** A coded refusal from WeChat: the call reached WeChat and was answered. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly errcode: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A call that outlived its time limit: whether WeChat recognized (and charged) it is unknown. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${what} did not answer within ${ms} ms`);
  }
}
