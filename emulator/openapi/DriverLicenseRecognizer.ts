/**
 * The port behind the emulator's `ocr.driverLicense` (cloud call and HTTPS API). The local OCR
 * engine implements it; tests may register their own for exact control.
 */

/** WeChat's JSON body fields for a recognized licence, snake_case as WeChat sends them. */
export interface WeChatDriverLicenseFields {
  id_num: string;
  name: string;
  sex: string;
  nationality: string;
  address: string;
  birth_date: string;
  issue_date: string;
  car_class: string;
  valid_from: string;
  valid_to: string;
  official_seal: string;
}

/** Every field, in WeChat's documented order. */
export const WECHAT_FIELD_NAMES = [
  'id_num',
  'name',
  'sex',
  'nationality',
  'address',
  'birth_date',
  'issue_date',
  'car_class',
  'valid_from',
  'valid_to',
  'official_seal',
] as const satisfies readonly (keyof WeChatDriverLicenseFields)[];

export type RecognizeOutcome =
  | { errcode: 0; fields: WeChatDriverLicenseFields }
  /** 101001 certificate not found, 101002 image decode failed. */
  | { errcode: 101001 | 101002; errmsg: string };

/** What the engine saw in one photo: each stage's timing and output, and what it found, to draw. */
export interface RecognizeTrace {
  readonly stages: readonly { stage: string; ms: number; output: unknown }[];
  /** In the pixels of the decoded upright photo (see emulator/ocr/trace/drawTrace.ts). */
  readonly drawings: Readonly<Record<string, unknown>>;
}

export interface RecognizeOptions {
  /** Asks for this photo's trace (the emulator's console draws it); a recognizer may have none. */
  onTrace?(trace: RecognizeTrace): void;
}

export interface DriverLicenseRecognizer {
  /** `image` is the raw bytes WeChat would receive (JPEG, PNG, BMP or WebP). Never throws for bad images. */
  recognize(image: Buffer, options?: RecognizeOptions): Promise<RecognizeOutcome>;
  /** Loads what the first call would (models), so that call is not slower than the rest. */
  warmup?(): Promise<void>;
}
