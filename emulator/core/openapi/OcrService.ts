import {
  type DriverLicenseRecognizer,
  type RecognizeTrace,
  WECHAT_FIELD_NAMES,
  type WeChatDriverLicenseFields,
} from '../../openapi/DriverLicenseRecognizer';
import type { CallLog, OcrCallObserver, OcrOrigin } from '../calls/CallLog';
import { WeChatApiError } from '../errors';
import type { FaultRegistry } from '../faults/FaultRegistry';
import { withRid } from '../ids';
import type { Sleeper } from '../Sleeper';
import { fetchImage } from './fetchImage';
import type { OcrQuota } from './OcrQuota';
import { sniffImageType } from './sniffImageType';

export const OCR_DRIVER_LICENSE = 'ocr.driverLicense';

/** WeChat refuses images of 2 MB or more. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** What WeChat's `ocr.driverLicense` answers on success: errcode 0 and the snake_case fields. */
export type DriverLicenseBody = { errcode: 0; errmsg: 'ok' } & WeChatDriverLicenseFields;

export interface OcrRequest {
  img?: Buffer;
  imgUrl?: string;
}

export interface OcrServiceDeps {
  faults: FaultRegistry;
  sleeper: Sleeper;
  quota: OcrQuota;
  recognizer: () => Promise<DriverLicenseRecognizer>;
  allowNonLoopbackImageUrls: boolean;
  imageUrlCa?: string;
  /** An img_url fetch, all of it, takes at most this long (default 10 s). */
  imageUrlTimeoutMs?: number;
  /** Told of every call, its photo and the engine's trace (the console's call log). */
  calls?: CallLog;
}

/** WeChat's errmsg texts (a ` rid: …` suffix is appended like WeChat does). */
export const OCR_ERRMSG = {
  [-1]: 'system error',
  40006: 'invalid meida size', // sic: WeChat's own spelling for 40006
  41005: 'media data missing',
  101000: 'invalid image url',
  101001: 'certificate not found',
  101002: 'image decode failed',
  101003: 'not enough market quota',
} as const;

function fail(errcode: keyof typeof OCR_ERRMSG, detail?: string): WeChatApiError {
  const errmsg = detail ? `${OCR_ERRMSG[errcode]} hint: [${detail}]` : OCR_ERRMSG[errcode];
  return new WeChatApiError(errcode, withRid(errmsg));
}

/**
 * The one implementation of `ocr.driverLicense` behind both the cloud call (`wx.openApi`) and the
 * HTTPS API (`/cv/ocr/drivinglicense`): faults, quota, image fetch, size, type sniffing, engine.
 * Throws WeChatApiError with WeChat's code for every refusal.
 *
 * Order (documented in docs/emulator.md): injected faults, missing media (41005), quota (101003),
 * image URL fetch (101000), size (40006), type (101002); the quota is spent only when the engine runs.
 */
export class OcrService {
  constructor(private readonly deps: OcrServiceDeps) {}

  async driverLicense(request: OcrRequest, origin: OcrOrigin = { via: 'cloud' }): Promise<DriverLicenseBody> {
    const call = this.deps.calls?.ocrStarted(origin);
    try {
      const body = await this.answer(request, call);
      call?.ended(0);
      return body;
    } catch (error) {
      if (error instanceof WeChatApiError) call?.ended(error.errcode, error.errmsg);
      else call?.ended(-1, describe(error));
      throw error;
    }
  }

  private async answer(request: OcrRequest, call: OcrCallObserver | undefined): Promise<DriverLicenseBody> {
    const decision = this.deps.faults.decide(OCR_DRIVER_LICENSE);
    await this.deps.sleeper.sleep(decision.delayMs);
    if (decision.fail) {
      const errcode = decision.fail.errcode ?? -1;
      throw new WeChatApiError(errcode, withRid(decision.fail.message ?? 'system error (injected fault)'));
    }
    if (!request.img && !request.imgUrl) throw fail(41005);
    if (this.deps.quota.left() <= 0) throw fail(101003);

    const image = request.img ?? (await this.download(request.imgUrl ?? ''));
    if (image.length >= MAX_IMAGE_BYTES) throw fail(40006, `image is ${image.length} bytes, limit is < 2MB`);
    if (!sniffImageType(image)) throw fail(101002);

    const recognizer = await this.deps.recognizer().catch((error: unknown) => {
      throw new WeChatApiError(
        -1,
        withRid(`system error: local OCR engine unavailable (${describe(error)})`),
      );
    });
    if (!this.deps.quota.trySpend()) throw fail(101003);
    call?.photo(image);
    const traced = call ? { onTrace: (trace: RecognizeTrace) => call.trace(trace) } : undefined;
    const outcome = await recognizer.recognize(image, traced).catch((error: unknown) => {
      throw new WeChatApiError(-1, withRid(`system error: local OCR engine failed (${describe(error)})`));
    });
    if (outcome.errcode !== 0) throw new WeChatApiError(outcome.errcode, withRid(outcome.errmsg));
    return { errcode: 0, errmsg: 'ok', ...pickFields(outcome.fields) };
  }

  private async download(imgUrl: string): Promise<Buffer> {
    const result = await fetchImage(imgUrl, {
      allowNonLoopback: this.deps.allowNonLoopbackImageUrls,
      timeoutMs: this.deps.imageUrlTimeoutMs ?? 10_000,
      maxBytes: MAX_IMAGE_BYTES,
      ...(this.deps.imageUrlCa ? { ca: this.deps.imageUrlCa } : {}),
    });
    if (!result.ok) throw fail(101000, result.reason);
    return result.bytes;
  }
}

/** Exactly WeChat's keys, strings, in WeChat's order, whatever the engine returned. */
function pickFields(fields: WeChatDriverLicenseFields): WeChatDriverLicenseFields {
  const picked = {} as WeChatDriverLicenseFields;
  for (const name of WECHAT_FIELD_NAMES) picked[name] = typeof fields[name] === 'string' ? fields[name] : '';
  return picked;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
