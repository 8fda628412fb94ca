import { type OcrClient, type OcrInput, TimeoutError, UpstreamError } from '../ports/OcrClient';

/** `cloud.openapi.ocr.driverLicense` as wx-server-sdk exposes it (keys camelCased both ways). */
export type DriverLicenseCall = (params: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** The SDK's codes for an openapi call that timed out: the outcome upstream is unknown. */
const SDK_TIMEOUT_CODES = new Set([-604102, -501002]);

/** OcrClient over the cloud call; WeChat's errcode arrives as `errCode` on the SDK's error. */
export class CloudOcrClient implements OcrClient {
  constructor(private readonly call: DriverLicenseCall) {}

  async recognizeDriverLicense(input: OcrInput): Promise<Record<string, unknown>> {
    const params =
      input.kind === 'img'
        ? { img: { contentType: input.contentType, value: input.image } }
        : { imgUrl: input.imgUrl };
    try {
      const { errCode: _code, errMsg: _msg, ...fields } = await this.call(params);
      return fields;
    } catch (error) {
      const { errCode, errMsg } = (error ?? {}) as { errCode?: unknown; errMsg?: unknown };
      if (typeof errCode !== 'number') throw error;
      if (SDK_TIMEOUT_CODES.has(errCode)) throw new TimeoutError('ocr.driverLicense', 15_000);
      throw new UpstreamError(errCode, String(errMsg ?? 'ocr.driverLicense failed'), { cause: error });
    }
  }
}
