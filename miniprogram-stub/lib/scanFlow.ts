import type { DriverLicense, LicenseWarning } from '../../src/api';
import {
  type CompressPort,
  compressUntilUnder,
  type LocalImage,
  MAX_IMAGE_BYTES,
} from './compressUntilUnder';
import type { ProblemCode } from './messages';
import { parseDriverLicensesResult, parseOcrResult } from './parseResults';

export type ImageSource = 'camera' | 'album';
export type ScanPhase = 'compressing' | 'uploading' | 'recognizing';

/** The platform calls the scan needs, as plain async functions (see wxPorts.ts). */
export interface ScanPort extends CompressPort {
  /** Resolves null when the user cancels. */
  chooseImage(source: ImageSource): Promise<LocalImage | null>;
  /** wx.cloud.callFunction('driverLicenses', { action: 'uploadPath' }): resolves its `result`, unchecked. */
  uploadPath(extension: UploadExtension): Promise<unknown>;
  /** wx.cloud.uploadFile: resolves the fileID. */
  upload(cloudPath: string, filePath: string): Promise<string>;
  /** wx.cloud.callFunction('ocrDriverLicense'): resolves its `result`, unchecked. */
  recognize(fileID: string): Promise<unknown>;
}

export type ScanOutcome =
  | { kind: 'cancelled' }
  | {
      kind: 'recognized';
      id: string;
      created: boolean;
      cached: boolean;
      license: DriverLicense;
      warnings: LicenseWarning[];
    }
  | { kind: 'failed'; problem: ProblemCode };

export interface ScanOptions {
  onPhase?: (phase: ScanPhase) => void;
  maxBytes?: number;
}

export type UploadExtension = 'jpg' | 'png';

/** The image type of a local file, as the upload path's extension (compressed photos are JPEG). */
export function extensionOf(filePath: string): UploadExtension {
  return /\.png$/i.test(filePath) ? 'png' : 'jpg';
}

function failed(problem: ProblemCode): ScanOutcome {
  return { kind: 'failed', problem };
}

/**
 * choose -> compress under 2 MB -> ask where to upload -> upload -> recognize; every failure
 * becomes a ProblemCode. The upload path comes from the function, in the caller's own folder: the
 * function accepts no photo from anywhere else (files are owned by path).
 */
export async function scanLicense(
  source: ImageSource,
  port: ScanPort,
  options: ScanOptions = {},
): Promise<ScanOutcome> {
  const { onPhase = () => {}, maxBytes = MAX_IMAGE_BYTES } = options;

  let picked: LocalImage | null;
  try {
    picked = await port.chooseImage(source);
  } catch {
    return failed('CHOOSE_FAILED');
  }
  if (picked === null) return { kind: 'cancelled' };

  onPhase('compressing');
  let image: LocalImage;
  try {
    const compressed = await compressUntilUnder(picked, port, maxBytes);
    if (!compressed.ok) return failed('IMAGE_STILL_TOO_LARGE');
    image = compressed;
  } catch {
    return failed('COMPRESS_FAILED');
  }

  onPhase('uploading');
  let where: unknown;
  try {
    where = await port.uploadPath(extensionOf(image.path));
  } catch {
    return failed('NETWORK');
  }
  const path = parseDriverLicensesResult(where);
  if (path === null || (path.ok && path.action !== 'uploadPath')) return failed('BAD_RESPONSE');
  if (!path.ok) return failed(path.code);
  let fileID: string;
  try {
    fileID = await port.upload(path.cloudPath, image.path);
  } catch {
    return failed('UPLOAD_FAILED');
  }

  onPhase('recognizing');
  let raw: unknown;
  try {
    raw = await port.recognize(fileID);
  } catch {
    // callFunction rejects on network trouble and when the function itself crashed.
    return failed('NETWORK');
  }
  const result = parseOcrResult(raw);
  if (result === null) return failed('BAD_RESPONSE');
  if (!result.ok) return failed(result.code);
  const { id, created, cached, license, warnings } = result;
  return { kind: 'recognized', id, created, cached, license, warnings };
}
