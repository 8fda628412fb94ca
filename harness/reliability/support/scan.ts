import type { WeChatDriverLicenseFields } from '../../../emulator/openapi/DriverLicenseRecognizer';
import type { OcrDriverLicenseResult } from '../../../src/api';
import { licenceFor } from './licences';
import type { Invocation, ReliabilityCloud } from './ReliabilityCloud';
import type { SecretLedger } from './SecretLedger';
import { stampedPhoto } from './stampedPhoto';

/**
 * Uploads a photo of `fields` (photo `photoSeed`, so one licence can have many photos) into
 * `openid`'s folder, as that user's mini-program would; returns its fileID.
 */
export async function stagePhoto(
  cloud: ReliabilityCloud,
  ledger: SecretLedger,
  photoSeed: number,
  fields: WeChatDriverLicenseFields,
  openid: string,
): Promise<string> {
  ledger.register(fields);
  return cloud.upload(await stampedPhoto(photoSeed, fields), openid);
}

/** Uploads a photo of licence `seed` and scans it as `openid`. */
export async function scanLicence(
  cloud: ReliabilityCloud,
  ledger: SecretLedger,
  openid: string,
  seed: number,
): Promise<Invocation<OcrDriverLicenseResult> & { fileID: string }> {
  const fileID = await stagePhoto(cloud, ledger, seed, licenceFor(seed), openid);
  return { ...(await scanFile(cloud, openid, fileID)), fileID };
}

export function scanFile(cloud: ReliabilityCloud, openid: string, fileID: string) {
  return cloud.invoke<OcrDriverLicenseResult>('ocrDriverLicense', { fileID }, openid);
}

/** `ok` or the failure code, or the host's error: short enough for a report line. */
export function outcomeOf(invocation: Invocation<OcrDriverLicenseResult>): string {
  if (invocation.error !== undefined) return `invocation error: ${invocation.error}`;
  const result = invocation.result;
  if (!result) return 'no result';
  return result.ok ? 'ok' : result.code;
}
