/**
 * What the call log holds, as the console's API sends it. Plain types with no imports: the
 * browser bundle type-checks against them too.
 */

/** One call: a function invocation, or an OCR API call (cloud call or HTTPS API). */
export interface CallView {
  id: number;
  kind: 'function' | 'ocr';
  /** The function's name, or the API's (`ocr.driverLicense`). */
  name: string;
  /** How an OCR call came: through wx-server-sdk's cloud call, or WeChat's HTTPS API. */
  via?: 'cloud' | 'https';
  /** The function invocation that made this OCR call, known by the WX_API_TOKEN it carried. */
  parentId?: number;
  /** When it started, ms since the epoch. */
  startedAt: number;
  /** How long it took; null while it runs. */
  ms: number | null;
  /** Masked: the caller's openid (functions, cloud calls) or the app id (HTTPS API). */
  caller: string;
  /**
   * 'running', 'ok', or what failed: the function's code (NOT_A_LICENSE), its crash ('timeout',
   * 'threw', 'crashed'), or WeChat's errcode ('101003').
   */
  outcome: string;
  /** What the failure said. */
  message?: string;
  /** OCR quota left today when the call ended. */
  quotaLeft?: number;
  /** The function's own console lines, as it printed them (its logs mask personal data). */
  logs: string[];
  /** The photo is kept: the photo view can show it. Only the latest OCR calls keep theirs. */
  photo: boolean;
  /** The engine's trace is kept with the photo. */
  trace: boolean;
  /** sha256 of the photo: records carry the same (imageSha256). */
  imageSha256?: string;
}

export type Point = [number, number];
export type Quad = Point[];

/** What the engine found in one photo, in the pixels of the upright photo `width` x `height`. */
export interface TraceView {
  width: number;
  height: number;
  /** What the engine took the document for (licence, back-page, …). */
  document?: string;
  /** The card as the engine placed it. */
  card?: Quad;
  /** Outline candidates it tried. */
  outlines: Quad[];
  /** Where the fitted grid puts the printed labels. */
  labels: Quad[];
  /** Each field's region, with the value read there and how. */
  regions: { name: string; value: string; how: string; quad: Quad }[];
  /** Every text line, with its reading (empty while personal data is masked). */
  lines: { text: string; quad: Quad }[];
  seal?: { quad: Quad | null; text: string; lines: { text: string; quad: Quad }[] };
  /** Each stage's time. */
  stages: { stage: string; ms: number }[];
}

/** A call began or ended; or its function printed line number `index` (lines may come after the end). */
export type CallEvent =
  | { type: 'call'; call: CallView }
  | { type: 'log'; id: number; index: number; line: string };
