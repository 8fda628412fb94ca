import type { DriverLicense, LicenseWarning } from '../../src/api';
import {
  type CompressPort,
  compressUntilUnder,
  type LocalImage,
  MAX_IMAGE_BYTES,
} from './compressUntilUnder';
import type { ProblemCode } from './messages';
import { parseOcrResult } from './parseResults';

export type ImageSource = 'camera' | 'album';
export type ScanPhase = 'compressing' | 'uploading' | 'recognizing';

/** The platform calls the scan needs, as plain async functions (see wxPorts.ts). */
export interface ScanPort extends CompressPort {
  /** Resolves null when the user cancels. */
  chooseImage(source: ImageSource): Promise<LocalImage | null>;
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
  now?: () => number;
  random?: () => number;
  maxBytes?: number;
}

/**
 * Storage path of an upload: a timestamp and 8 random base-36 characters. Not derived from the
 * openid, which the client does not know (and which should not appear in a path anyway).
 */
export function cloudPathFor(filePath: string, now: number, random: number): string {
  const ext = /\.(png|jpe?g)$/i.exec(filePath)?.[1]?.toLowerCase().replace('jpeg', 'jpg') ?? 'jpg';
  const suffix = Math.floor(random * 36 ** 8)
    .toString(36)
    .padStart(8, '0');
  return `driver-licenses/${now}-${suffix}.${ext}`;
}

function failed(problem: ProblemCode): ScanOutcome {
  return { kind: 'failed', problem };
}

/** choose -> compress under 2 MB -> upload -> recognize; every failure becomes a ProblemCode. */
export async function scanLicense(
  source: ImageSource,
  port: ScanPort,
  options: ScanOptions = {},
): Promise<ScanOutcome> {
  const { onPhase = () => {}, now = Date.now, random = Math.random, maxBytes = MAX_IMAGE_BYTES } = options;

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
  let fileID: string;
  try {
    fileID = await port.upload(cloudPathFor(image.path, now(), random()), image.path);
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
