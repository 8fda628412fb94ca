/**
 * The console's API as its page sees it. Types only, and only from files that type-check for the
 * browser too (no Node APIs): the page's bundle is checked against this file.
 */
import type { CallEvent, TraceView } from '../core/calls/callTypes';
import type { FaultSpec } from '../core/faults/FaultRegistry';

export type { CallEvent, CallView, Point, Quad, TraceView } from '../core/calls/callTypes';

/** What changed: the page fetches that part again. */
export type ChangeKind = 'database' | 'storage' | 'quota' | 'faults' | 'calls';

/** One server-sent event of `GET api/events` (the event's name is its `type`). */
export type ConsoleEvent = CallEvent | { type: 'changed'; what: ChangeKind };

export interface QuotaView {
  day: string;
  quota: number;
  used: number;
  left: number;
}

/** What the page's fault form sends (as `POST /__emulator/faults` takes it). */
export type FaultInput = Pick<FaultSpec, 'api' | 'errcode' | 'rate' | 'delayMs' | 'times'>;

/** A standing fault, as `GET /__emulator/faults` lists it. */
export type FaultView = FaultSpec & {
  id: number;
  /** Calls it still affects; null: unlimited. */
  remaining: number | null;
};

export interface Overview {
  envId: string;
  quota: QuotaView;
  faults: FaultView[];
}

export interface CollectionView {
  name: string;
  count: number;
}

/** A document with its personal values masked, and the dotted paths of those values. */
export interface DocumentView {
  id: string;
  doc: Record<string, unknown>;
  masked: string[];
}

export interface FileView {
  fileID: string;
  cloudPath: string;
  /** The folder it lies in: the owner's, for files placed by uploadPath (`licences/<hash>/`). */
  owner: string;
  size: number;
  contentType: string;
  createdAt: number;
  /** Documents whose `fileID` is this file. */
  records: { collection: string; id: string }[];
}

/** The photo view of one scan (`?call=`) or one stored file (`?fileID=`). */
export interface PhotoView {
  /** The photo's URL under the console's API (the page adds its token). */
  photo: string;
  /** The OCR call that read it, while the call log keeps it. */
  callId?: number;
  trace?: TraceView;
  /** The record saved from it, masked unless revealed. */
  record?: DocumentView & { collection: string };
  revealed: boolean;
}
