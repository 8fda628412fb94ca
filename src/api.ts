/**
 * What the cloud functions accept and return: the one place the mini-program stub imports its
 * types from.
 */
import type { DriverLicense, LicenseWarning } from './domain/DriverLicense';
import type { ErrorCode } from './errors';

export type { DriverLicense, LicenseWarning, WarningCode } from './domain/DriverLicense';
export type { ErrorCode } from './errors';

export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
}

/**
 * ocrDriverLicense: exactly one of fileID (cloud:// of the caller's env, uploaded to the cloudPath
 * that driverLicenses `uploadPath` gave this caller) or imgUrl (https).
 */
export type OcrDriverLicenseEvent = { fileID: string } | { imgUrl: string };

export type OcrDriverLicenseResult =
  | {
      ok: true;
      id: string;
      created: boolean;
      cached: boolean;
      license: DriverLicense;
      warnings: LicenseWarning[];
    }
  | Failure;

/** A saved record as the caller sees it: no openid, no image hash. */
export interface DriverLicenseRecord {
  id: string;
  license: DriverLicense;
  warnings: LicenseWarning[];
  fileID: string | null;
  createdAt: string;
  updatedAt: string;
}

export type DriverLicensesEvent =
  | { action: 'list'; limit?: number; offset?: number }
  | { action: 'get'; id: string }
  | { action: 'delete'; id: string }
  /** Where to upload a photo: a fresh path in the caller's own folder (files are owned by path). */
  | { action: 'uploadPath'; extension?: 'jpg' | 'png' };

export type DriverLicensesResult =
  | { ok: true; action: 'list'; records: DriverLicenseRecord[]; total: number; limit: number; offset: number }
  | { ok: true; action: 'get'; record: DriverLicenseRecord }
  | { ok: true; action: 'delete'; id: string; deleted: true }
  | { ok: true; action: 'uploadPath'; cloudPath: string }
  | Failure;
