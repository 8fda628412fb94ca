import { createHash } from 'node:crypto';
import type { OcrDriverLicenseResult } from '../api';
import { isRecognizedLicense } from '../domain/isRecognizedLicense';
import { maskIdNumber } from '../domain/maskPersonal';
import { toDriverLicense } from '../domain/toDriverLicense';
import { isOwnedBy } from '../domain/uploadPath';
import { AppError } from '../errors';
import { errorSummary, type Logger } from '../log';
import type { ImageSource } from '../ports/ImageSource';
import type { LicenseRepository, PendingResult } from '../ports/LicenseRepository';
import { type OcrClient, type OcrInput, TimeoutError, UpstreamError } from '../ports/OcrClient';
import type { UsageLimiter } from '../ports/UsageLimiter';
import { checkImage } from './checkImage';
import { fromUpstreamError, isRetryableUpstream } from './upstreamErrors';
import { RetriesExhausted, type RetryPolicy, type RetryRuntime, systemRuntime, withRetry } from './withRetry';
import { withTimeout } from './withTimeout';

export interface RecognizeDeps {
  ocr: OcrClient;
  repository: LicenseRepository;
  images: ImageSource;
  limiter: UsageLimiter;
  log: Logger;
  retry: RetryPolicy;
  /** The longest one OCR attempt may take; the SDK's own limit is 15 s. */
  attemptTimeoutMs: number;
  runtime?: RetryRuntime;
}

export type RecognizeRequest = { kind: 'fileID'; fileID: string } | { kind: 'imgUrl'; imgUrl: string };

/** `cached` is true when the result came from an earlier recognition of the same image (no quota spent). */
export type RecognizeSuccess = Extract<OcrDriverLicenseResult, { ok: true }>;

/**
 * Image in, one saved licence out. Quota is spent only on an image this caller has not had
 * recognized before, and a recognized result is kept (pending) until it is saved, so a failed save
 * is retried without a second OCR call.
 */
export async function recognizeDriverLicense(
  deps: RecognizeDeps,
  openid: string,
  request: RecognizeRequest,
): Promise<RecognizeSuccess> {
  if (request.kind === 'imgUrl') {
    const result = await recognizeUpstream(deps, openid, { kind: 'imgUrl', imgUrl: request.imgUrl });
    return save(deps, openid, result, { imageSha256: null, fileID: null, cached: false });
  }

  // The fileID lies in the caller's own folder (parseOcrEvent): nothing to look up or write first.
  const bytes = await deps.images.download(request.fileID);
  const contentType = checkImage(bytes);
  const imageSha256 = createHash('sha256').update(bytes).digest('hex');

  const stored = await deps.repository.findByImage(openid, imageSha256);
  if (stored) {
    deps.log.info('ocr.cache_hit', { id: stored.id });
    // A second upload of a photo already on record: nothing points at it, so nothing would delete it.
    if (stored.fileID !== request.fileID) await removeImage(deps, openid, request.fileID, stored.id);
    return {
      ok: true,
      id: stored.id,
      created: false,
      cached: true,
      license: stored.license,
      warnings: stored.warnings,
    };
  }

  const pending = await deps.repository.getPending(openid, imageSha256);
  if (pending) {
    deps.log.info('ocr.pending_hit', {});
    const saved = await save(deps, openid, pending, { imageSha256, fileID: request.fileID, cached: true });
    await dropPending(deps, openid, imageSha256);
    return saved;
  }

  const result = await recognizeUpstream(deps, openid, { kind: 'img', image: bytes, contentType });
  try {
    await deps.repository.putPending(openid, imageSha256, result);
  } catch (error) {
    // Only a safety net for the save below; its failure must not fail a scan that can still succeed.
    deps.log.warn('ocr.pending_write_failed', { error: errorSummary(error) });
  }
  const saved = await save(deps, openid, result, { imageSha256, fileID: request.fileID, cached: false });
  await dropPending(deps, openid, imageSha256);
  return saved;
}

/** A saved result's pending copy is a second copy of personal data: remove it (best effort). */
async function dropPending(deps: RecognizeDeps, openid: string, imageSha256: string): Promise<void> {
  await deps.repository.deletePending(openid, imageSha256).catch((error: unknown) => {
    deps.log.warn('ocr.pending_delete_failed', { error: errorSummary(error) });
  });
}

async function recognizeUpstream(
  deps: RecognizeDeps,
  openid: string,
  input: OcrInput,
): Promise<PendingResult> {
  if (!(await deps.limiter.tryReserve(openid))) {
    throw new AppError('RATE_LIMITED', 'daily OCR limit for this user reached; try again tomorrow');
  }
  const runtime = deps.runtime ?? systemRuntime;
  let raw: Record<string, unknown>;
  let attempts = 0;
  try {
    const outcome = await withRetry(
      (remainingMs) => {
        attempts++;
        const limit = Math.min(deps.attemptTimeoutMs, Math.max(remainingMs, 1));
        return withTimeout(deps.ocr.recognizeDriverLicense(input), limit, 'ocr.driverLicense');
      },
      isRetryableUpstream,
      deps.retry,
      runtime,
    );
    raw = outcome.value;
    deps.log.info('ocr.recognized', { attempts: outcome.attempts });
  } catch (error) {
    const last = error instanceof RetriesExhausted ? error.cause : error;
    if (last instanceof UpstreamError) throw fromUpstreamError(last, attempts);
    if (last instanceof TimeoutError) {
      throw new AppError('UPSTREAM_TIMEOUT', `${last.message}; try again later`, {
        cause: last,
        context: { attempts },
      });
    }
    throw error;
  }

  const { license, warnings } = toDriverLicense(raw);
  if (!isRecognizedLicense(license)) {
    throw new AppError(
      'NOT_A_LICENSE',
      'no licence number or name was recognized: not a driving licence photo',
    );
  }
  deps.log.info('ocr.normalized', {
    idNum: maskIdNumber(license.idNum),
    warnings: warnings.map((w) => w.code),
  });
  return { license, warnings };
}

async function save(
  deps: RecognizeDeps,
  openid: string,
  result: PendingResult,
  origin: { imageSha256: string | null; fileID: string | null; cached: boolean },
): Promise<RecognizeSuccess> {
  const { id, created, replacedFileID } = await deps.repository.upsert(openid, {
    license: result.license,
    warnings: result.warnings,
    imageSha256: origin.imageSha256,
    fileID: origin.fileID,
  });
  deps.log.info('license.saved', { id, created });
  // The record no longer points at the earlier photo: nothing would ever delete it otherwise.
  if (replacedFileID) await removeImage(deps, openid, replacedFileID, id);
  return { ok: true, id, created, cached: origin.cached, license: result.license, warnings: result.warnings };
}

/** Removes an image no record points at (best effort), if it is the caller's own by path. */
async function removeImage(deps: RecognizeDeps, openid: string, fileID: string, id: string): Promise<void> {
  if (!isOwnedBy(fileID, openid)) return;
  await deps.images.remove(fileID).catch((error: unknown) => {
    deps.log.warn('license.unused_image_not_removed', { id, error: errorSummary(error) });
  });
}
