import { AppError } from '../errors';
import { UpstreamError } from '../ports/OcrClient';

/** WeChat answers -1 when busy: nothing was recognized and no quota spent, so a retry is safe. */
export const WECHAT_BUSY = -1;

export function isRetryableUpstream(error: unknown): boolean {
  return error instanceof UpstreamError && error.errcode === WECHAT_BUSY;
}

const PERMISSION_FIX =
  'add {"permissions":{"openapi":["ocr.driverLicense"]}} to cloudfunctions/ocrDriverLicense/config.json and redeploy';

/** WeChat's errcodes for ocr.driverLicense, as this package's stable codes. */
export function fromUpstreamError(error: UpstreamError, attempts: number): AppError {
  const at = `ocr.driverLicense answered errcode ${error.errcode}`;
  const options = { cause: error, context: { errcode: error.errcode, attempts } };
  switch (error.errcode) {
    case WECHAT_BUSY:
      return new AppError(
        'UPSTREAM_BUSY',
        `OCR service busy after ${attempts} attempts; try again later`,
        options,
      );
    case 101000:
      // WeChat's own words say why (not found, not an image, timed out): the caller named the URL.
      return new AppError(
        'INVALID_IMAGE_URL',
        `${at}: the image URL could not be fetched (${upstreamWords(error.message)})`,
        options,
      );
    case 101001:
      return new AppError('NOT_A_LICENSE', `${at}: no driving licence found in the image`, options);
    case 101002:
      return new AppError('IMAGE_DECODE_FAILED', `${at}: the image could not be decoded`, options);
    case 101003:
      return new AppError(
        'QUOTA_EXCEEDED',
        `${at}: the daily OCR quota is spent; try again tomorrow`,
        options,
      );
    case -604101:
      return new AppError(
        'PERMISSION_DENIED',
        `${at}: the function lacks the openapi permission; ${PERMISSION_FIX}`,
        options,
      );
    case 40001:
    case 40014:
    case 42001:
      return new AppError('UPSTREAM_AUTH', `${at}: the access token was refused`, options);
    case 41005:
      return new AppError('INVALID_ARGUMENT', `${at}: no image was sent`, options);
    default:
      return new AppError('INTERNAL', `${at}: ${error.message.slice(0, 200)}`, options);
  }
}

/** WeChat's errmsg without the SDK's prefix and the request id, at most 200 characters. */
function upstreamWords(message: string): string {
  return message
    .replace(/^.*?:fail\s*(-?\d+\s*)?/, '')
    .replace(/\s*rid:\s*\S+\s*$/, '')
    .slice(0, 200);
}
