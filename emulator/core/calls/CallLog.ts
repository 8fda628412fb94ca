import { createHash, randomBytes } from 'node:crypto';
import type { RecognizeTrace } from '../../openapi/DriverLicenseRecognizer';
import type { CallEvent, CallView, TraceView } from './callTypes';
import { maskCaller } from './maskCaller';
import { traceView } from './traceView';

/** How a function invocation ended, as FunctionHost tells it. */
export type InvocationEnd =
  | { ok: true; result: unknown }
  | { ok: false; reason: 'threw' | 'timeout' | 'crashed'; message: string };

/** One running function invocation, as the call log follows it. */
export interface InvocationObserver {
  /** Goes into the invocation's WX_API_TOKEN, as the platform's does: its gateway calls name it. */
  readonly apiToken: string;
  log(line: string): void;
  ended(end: InvocationEnd): void;
}

/** Where an OCR call came from. */
export type OcrOrigin = { via: 'cloud'; apiToken?: string } | { via: 'https'; appid: string };

/** One running OCR call, as the call log follows it. */
export interface OcrCallObserver {
  /** The image reached the engine: keep it for the photo view. */
  photo(image: Buffer): void;
  trace(trace: RecognizeTrace): void;
  ended(errcode: number, errmsg?: string): void;
}

export interface CallLogOptions {
  /** OCR quota left today, recorded as each call ends. */
  quotaLeft(): number;
  /** Calls kept (oldest dropped first). Default 300. */
  maxCalls?: number;
  /** Photos (and traces) kept, of the latest OCR calls: each may weigh up to 2 MB. Default 20. */
  maxPhotos?: number;
}

const MAX_LOG_LINES = 200;
const MAX_LINE_CHARS = 2000;

/**
 * The emulator's record of recent calls for the console: function invocations (told by
 * FunctionHost) and OCR API calls (told by OcrService), with the functions' log lines, the
 * photos the engine read and its traces. Callers are kept masked only. Listeners hear every change.
 */
export class CallLog {
  private readonly calls: CallView[] = [];
  private readonly photos = new Map<number, { image: Buffer; trace?: TraceView }>();
  private readonly byToken = new Map<string, number>();
  private readonly listeners = new Set<(event: CallEvent) => void>();
  private nextId = 1;

  constructor(private readonly options: CallLogOptions) {}

  /** FunctionHost's listener: an invocation of `name` by `identity` begins. */
  started(name: string, identity: { openid: string }): InvocationObserver {
    const call = this.add({ kind: 'function', name, caller: maskCaller(identity.openid) });
    const apiToken = randomBytes(16).toString('hex');
    this.byToken.set(apiToken, call.id);
    return {
      apiToken,
      log: (line) => {
        if (call.logs.length >= MAX_LOG_LINES) return;
        const kept = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
        call.logs.push(kept);
        this.emit({ type: 'log', id: call.id, index: call.logs.length - 1, line: kept });
      },
      ended: (end) => {
        if (end.ok) {
          const result = end.result as { ok?: unknown; code?: unknown; message?: unknown } | null;
          const failed = result !== null && typeof result === 'object' && result.ok === false;
          call.outcome = failed && typeof result.code === 'string' ? result.code : 'ok';
          if (failed && typeof result.message === 'string') call.message = result.message;
        } else {
          call.outcome = end.reason;
          call.message = end.message;
        }
        this.finish(call);
      },
    };
  }

  /** OcrService's listener: an OCR call begins. */
  ocrStarted(origin: OcrOrigin): OcrCallObserver {
    const parentId =
      origin.via === 'cloud' && origin.apiToken ? this.byToken.get(origin.apiToken) : undefined;
    const parent = parentId === undefined ? undefined : this.find(parentId);
    const caller = origin.via === 'https' ? maskCaller(origin.appid) : (parent?.caller ?? '');
    const call = this.add({
      kind: 'ocr',
      name: 'ocr.driverLicense',
      via: origin.via,
      caller,
      ...(parentId === undefined ? {} : { parentId }),
    });
    return {
      photo: (image) => {
        call.photo = true;
        call.imageSha256 = createHash('sha256').update(image).digest('hex');
        this.photos.set(call.id, { image });
        for (const id of this.photos.keys()) {
          if (this.photos.size <= (this.options.maxPhotos ?? 20)) break;
          this.photos.delete(id);
          const old = this.find(id);
          if (old) old.photo = old.trace = false;
        }
      },
      trace: (trace) => {
        const kept = this.photos.get(call.id);
        const view = traceView(trace);
        if (!kept || !view) return;
        kept.trace = view;
        call.trace = true;
      },
      ended: (errcode, errmsg) => {
        call.outcome = errcode === 0 ? 'ok' : String(errcode);
        if (errcode !== 0 && errmsg) call.message = errmsg;
        this.finish(call);
      },
    };
  }

  list(): CallView[] {
    return this.calls.map((call) => ({ ...call, logs: [...call.logs] }));
  }

  /** The photo an OCR call read and the engine's trace of it, while they are kept. */
  photoOf(id: number): { image: Buffer; trace?: TraceView } | undefined {
    return this.photos.get(id);
  }

  /** The latest call that read an image with this sha256 and still keeps its photo. */
  latestWithImage(imageSha256: string): CallView | undefined {
    for (let i = this.calls.length - 1; i >= 0; i--) {
      const call = this.calls[i];
      if (call?.photo && call.imageSha256 === imageSha256) return call;
    }
    return undefined;
  }

  subscribe(listener: (event: CallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.calls.length = 0;
    this.photos.clear();
    this.byToken.clear();
  }

  private add(fields: Pick<CallView, 'kind' | 'name' | 'caller'> & Partial<CallView>): CallView {
    const call: CallView = {
      id: this.nextId++,
      startedAt: Date.now(),
      ms: null,
      outcome: 'running',
      logs: [],
      photo: false,
      trace: false,
      ...fields,
    };
    this.calls.push(call);
    while (this.calls.length > (this.options.maxCalls ?? 300)) {
      const dropped = this.calls.shift();
      if (!dropped) break;
      this.photos.delete(dropped.id);
      for (const [token, id] of this.byToken) if (id === dropped.id) this.byToken.delete(token);
    }
    this.emit({ type: 'call', call });
    return call;
  }

  private finish(call: CallView): void {
    call.ms = Date.now() - call.startedAt;
    call.quotaLeft = this.options.quotaLeft();
    this.emit({ type: 'call', call });
  }

  private find(id: number): CallView | undefined {
    return this.calls.find((call) => call.id === id);
  }

  private emit(event: CallEvent): void {
    // A copy: listeners serialize later, and the call goes on changing.
    const copy: CallEvent =
      event.type === 'call' ? { type: 'call', call: { ...event.call, logs: [...event.call.logs] } } : event;
    for (const listener of this.listeners) listener(copy);
  }
}
