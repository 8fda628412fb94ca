import { createHash } from 'node:crypto';
import type { CallLog } from '../core/calls/CallLog';
import type { DatabaseService } from '../core/database/DatabaseService';
import { AdminError } from '../core/errors';
import type { FaultRegistry } from '../core/faults/FaultRegistry';
import type { OcrQuota } from '../core/openapi/OcrQuota';
import type { StorageService } from '../core/storage/StorageService';
import { readBody } from '../http/readBody';
import { jsonReply, type Reply, type RequestContext } from '../http/types';
import type { ConsoleFeed } from './ConsoleFeed';
import type { CollectionView, DocumentView, FileView, Overview, PhotoView, TraceView } from './consoleTypes';
import { eventStream } from './eventStream';
import { maskDocument } from './maskDocument';
import { maskTrace } from './maskTrace';
import { photoJpeg } from './photoJpeg';

export interface ConsoleApiDeps {
  envId: string;
  database: DatabaseService;
  storage: StorageService;
  quota: OcrQuota;
  faults: FaultRegistry;
  calls: CallLog;
  feed: ConsoleFeed;
  /** The emulator's own reset: database, storage, faults, quota, tokens, stats, call log. */
  reset(): Promise<void>;
}

type Handler = (ctx: RequestContext) => Promise<Reply>;

/** A document and the collection it lies in. */
type Found = { collection: string; doc: Record<string, unknown> };

/** Documents listed per collection: a development database, not a production one. */
const MAX_DOCUMENTS = 200;
const THUMBNAIL_PX = 320;
const PHOTO_PX = 1600;

/**
 * The console's API (`/__emulator/ui/api/…`, JSON): what the page shows and the controls it offers.
 * Personal values leave masked, but for one document or one photo view asked for with `reveal=1`.
 */
export class ConsoleApi {
  private readonly table: Record<string, Partial<Record<string, Handler>>>;

  constructor(private readonly deps: ConsoleApiDeps) {
    this.table = {
      overview: { GET: async () => jsonReply(this.overview()) },
      calls: { GET: async () => jsonReply({ calls: deps.calls.list() }) },
      events: { GET: async () => eventStream(deps.feed) },
      collections: { GET: async () => jsonReply({ collections: this.collections() }) },
      documents: {
        GET: async ({ url }) => jsonReply({ documents: this.documents(param(url, 'collection')) }),
      },
      document: {
        GET: async ({ url }) =>
          jsonReply({ document: this.document(param(url, 'collection'), param(url, 'id')) }),
        DELETE: async ({ url }) => {
          const collection = param(url, 'collection');
          const id = param(url, 'id');
          if (!deps.database.deleteDocument(collection, id)) throw notFound(collection, id);
          return jsonReply({ ok: true });
        },
      },
      files: { GET: async () => jsonReply({ files: this.files() }) },
      photo: { GET: async ({ url }) => this.photo(url) },
      'photo-view': { GET: async ({ url }) => jsonReply(this.photoView(url)) },
      quota: {
        POST: async ({ req }) => {
          const { perDay } = (await readJson(req)) as { perDay?: unknown };
          if (typeof perDay !== 'number' || !Number.isInteger(perDay) || perDay < 0 || perDay > 1_000_000) {
            throw new AdminError(400, 'perDay must be a whole number from 0 to 1000000');
          }
          deps.quota.setPerDay(perDay);
          deps.feed.changed('quota');
          return jsonReply(deps.quota.snapshot());
        },
      },
      'quota/reset': {
        POST: async () => {
          deps.quota.resetToday();
          return jsonReply(deps.quota.snapshot());
        },
      },
      faults: {
        POST: async ({ req }) => {
          const added = deps.faults.add(await readJson(req));
          deps.feed.changed('faults');
          return jsonReply(added, 201);
        },
        DELETE: async () => {
          deps.faults.clear();
          deps.feed.changed('faults');
          return jsonReply({ ok: true });
        },
      },
      reset: {
        POST: async () => {
          await deps.reset();
          deps.feed.changed('calls');
          deps.feed.changed('faults');
          return jsonReply({ ok: true });
        },
      },
    };
  }

  async handle(name: string, ctx: RequestContext): Promise<Reply> {
    const handlers = this.table[name];
    if (!handlers) throw new AdminError(404, `no console API ${name.slice(0, 100)}`);
    const handler = handlers[ctx.method];
    if (!handler) throw new AdminError(405, `${ctx.method} is not allowed on the console API ${name}`);
    return handler(ctx);
  }

  private overview(): Overview {
    return {
      envId: this.deps.envId,
      quota: this.deps.quota.snapshot(),
      faults: this.deps.faults.list(),
    };
  }

  private collections(): CollectionView[] {
    return this.deps.database.collections();
  }

  private documents(collection: string): DocumentView[] {
    return this.deps.database.documents(collection, MAX_DOCUMENTS).map((doc) => view(doc));
  }

  /** One document in full: what a click on a masked value asks for. */
  private document(collection: string, id: string): Record<string, unknown> {
    const doc = this.deps.database.document(collection, id);
    if (!doc) throw notFound(collection, id);
    return plain(doc);
  }

  private files(): FileView[] {
    const byFile = new Map<string, { collection: string; id: string }[]>();
    for (const { collection, doc } of this.everyDocument()) {
      if (typeof doc.fileID !== 'string') continue;
      byFile.set(doc.fileID, [...(byFile.get(doc.fileID) ?? []), { collection, id: String(doc._id) }]);
    }
    return this.deps.storage.listFiles().map((file) => ({
      fileID: file.fileId,
      cloudPath: file.cloudPath,
      owner: file.cloudPath.slice(0, file.cloudPath.lastIndexOf('/') + 1),
      size: file.size,
      contentType: file.contentType,
      createdAt: file.createdAt,
      records: byFile.get(file.fileId) ?? [],
    }));
  }

  /** `?call=N` or `?fileID=…`, `&size=thumb` for a thumbnail: the photo upright, as JPEG. */
  private async photo(url: URL): Promise<Reply> {
    const bytes = this.photoBytes(url);
    const jpeg = await photoJpeg(bytes, url.searchParams.get('size') === 'thumb' ? THUMBNAIL_PX : PHOTO_PX);
    if (!jpeg) throw new AdminError(415, 'the stored file is not an image the console can show');
    return { status: 200, headers: { 'content-type': 'image/jpeg' }, body: jpeg };
  }

  private photoBytes(url: URL): Buffer {
    const call = url.searchParams.get('call');
    if (call !== null) {
      const kept = this.deps.calls.photoOf(Number(call));
      if (!kept) throw new AdminError(404, `call ${call.slice(0, 20)} keeps no photo (only the latest do)`);
      return kept.image;
    }
    const fileID = param(url, 'fileID');
    const file = this.deps.storage.readFile(fileID);
    if (!file) throw new AdminError(404, `no stored file ${fileID.slice(0, 200)}`);
    return file.bytes;
  }

  /**
   * A scan's photo with what the engine found, and the record saved from it: by call, or by
   * stored file (then the latest call that read the same bytes, while it is kept).
   */
  private photoView(url: URL): PhotoView {
    const reveal = url.searchParams.get('reveal') === '1';
    const callParam = url.searchParams.get('call');
    const sha = createHash('sha256').update(this.photoBytes(url)).digest('hex');
    const call = callParam !== null ? Number(callParam) : this.deps.calls.latestWithImage(sha)?.id;
    const trace: TraceView | undefined =
      call === undefined ? undefined : this.deps.calls.photoOf(call)?.trace;
    const record = this.recordOf(url.searchParams.get('fileID'), sha);
    const photo =
      callParam !== null
        ? `photo?call=${encodeURIComponent(callParam)}`
        : `photo?fileID=${encodeURIComponent(param(url, 'fileID'))}`;
    return {
      photo,
      ...(call === undefined ? {} : { callId: call }),
      ...(trace ? { trace: reveal ? trace : maskTrace(trace) } : {}),
      ...(record
        ? {
            record: {
              collection: record.collection,
              ...(reveal
                ? { id: String(record.doc._id), doc: plain(record.doc), masked: [] }
                : view(record.doc)),
            },
          }
        : {}),
      revealed: reveal,
    };
  }

  /** The document saved from a photo: its `fileID` is the file, else its `imageSha256` the bytes. */
  private recordOf(fileID: string | null, sha: string): Found | undefined {
    let bySha: Found | undefined;
    for (const found of this.everyDocument()) {
      if (fileID !== null && found.doc.fileID === fileID) return found;
      if (!bySha && found.doc.imageSha256 === sha) bySha = found;
    }
    return bySha;
  }

  /** Every document of every collection: a scan, fine for a development database. */
  private *everyDocument(): Generator<Found> {
    for (const { name } of this.deps.database.collections()) {
      for (const doc of this.deps.database.documents(name, Number.MAX_SAFE_INTEGER))
        yield { collection: name, doc };
    }
  }
}

function view(doc: Record<string, unknown>): DocumentView {
  const { doc: masked, masked: paths } = maskDocument(plain(doc));
  return { id: String(doc._id), doc: masked, masked: paths };
}

/** Dates and the like as JSON would write them. */
function plain(doc: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
}

function param(url: URL, name: string): string {
  const value = url.searchParams.get(name);
  if (!value) throw new AdminError(400, `${name} is required`);
  return value;
}

function notFound(collection: string, id: string): AdminError {
  return new AdminError(404, `no document ${id.slice(0, 100)} in ${collection.slice(0, 100)}`);
}

async function readJson(req: RequestContext['req']): Promise<unknown> {
  const body = await readBody(req, 64 * 1024, {
    tooLarge: () => new AdminError(413, 'console request body exceeds 64 KB'),
    malformed: (why) => new AdminError(400, `unreadable request body: ${why}`),
  });
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AdminError(400, 'request body is not valid JSON');
  }
}
