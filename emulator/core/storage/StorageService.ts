import crypto from 'node:crypto';
import path from 'node:path';
import type { SqliteStore } from '../../persistence/SqliteStore';
import { CosError, TcbError } from '../errors';
import { randomHex } from '../ids';
import { sniffImageType } from '../openapi/sniffImageType';
import { BlobStore } from './BlobStore';
import { cloudPathCandidates, tempUrlPathOf } from './tempUrlPath';

export const STORAGE_ACTIONS = [
  'storage.getUploadMetadata',
  'storage.batchGetDownloadUrl',
  'storage.batchDeleteFile',
] as const;
export type StorageAction = (typeof STORAGE_ACTIONS)[number];

export interface StorageServiceOptions {
  envId: string;
  /** Where files live: `<dataDir>/storage/<bucket>/<blob>`. */
  dataDir: string;
  /** The emulator's base URL (temp and upload URLs point at it); known only once listening. */
  baseUrl: () => string;
  /** Upload URLs stay valid this long. */
  uploadTtlMs?: number;
}

interface PendingUpload {
  fileId: string;
  cloudPath: string;
  expiresAt: number;
}

/** How an upload arrives: the bytes alone (4.x PUT), or a COS POST form naming its key and token (2.x, 3.x). */
export type UploadBody =
  | { kind: 'put'; bytes: Buffer }
  | { kind: 'form'; key: string; token: string; bytes: Buffer };

const DEFAULT_MAX_AGE_S = 86_400;
/** WeChat documents at most 50 files per getTempFileURL / deleteFile call. */
const MAX_BATCH = 50;
/** Upload URLs nobody used: bounded, so a flood of getUploadMetadata calls cannot grow memory. */
const MAX_PENDING_UPLOADS = 10_000;

/**
 * Cloud storage: fileIDs shaped like the real ones (`cloud://<envId>.<bucket>/<path>`), bytes in
 * blobs under the data dir (BlobStore), metadata in SQLite, and signed temp URLs that expire,
 * served by the emulator itself. Uploads follow the SDK: getUploadMetadata, then a PUT (4.x) or a
 * COS POST form (2.x, 3.x) to the returned URL.
 */
export class StorageService {
  readonly bucket: string;
  private readonly blobs: BlobStore;
  private readonly signingKey = crypto.randomBytes(32);
  private readonly uploads = new Map<string, PendingUpload>();

  constructor(
    private readonly store: SqliteStore,
    private readonly options: StorageServiceOptions,
  ) {
    // Real buckets read like 7465-test-env-1250000000: hex of the env's first two letters, env, app id.
    this.bucket = `${Buffer.from(options.envId.slice(0, 2)).toString('hex')}-${options.envId}-1250000000`;
    this.blobs = new BlobStore(path.join(options.dataDir, 'storage', this.bucket));
    this.blobs.sweep(new Set(store.fileDiskPaths()));
  }

  isAction(action: string): action is StorageAction {
    return (STORAGE_ACTIONS as readonly string[]).includes(action);
  }

  handle(action: StorageAction, params: Record<string, unknown>): Record<string, unknown> {
    switch (action) {
      case 'storage.getUploadMetadata':
        return this.uploadMetadata(params.path);
      case 'storage.batchGetDownloadUrl':
        return { download_list: this.downloadUrls(params.file_list) };
      case 'storage.batchDeleteFile':
        return { delete_list: this.deleteFiles(params.fileid_list) };
    }
  }

  /**
   * Stores the bytes sent to an upload URL, replacing a file at the same path only once the new
   * bytes are durable. Throws CosError (AccessDenied) for an unknown, expired or mismatched upload.
   */
  completeUpload(token: string, body: UploadBody): void {
    const pending = this.uploads.get(token);
    this.uploads.delete(token);
    if (!pending || pending.expiresAt < Date.now())
      throw new CosError(403, 'AccessDenied', 'upload URL expired');
    if (body.kind === 'form' && (body.key !== pending.cloudPath || body.token !== uploadToken(token))) {
      throw new CosError(403, 'AccessDenied', 'form key or token does not match the upload URL');
    }
    const name = this.blobs.write(body.bytes);
    const replaced = this.store.putFile({
      fileId: pending.fileId,
      diskPath: name,
      size: body.bytes.length,
      contentType: sniffImageType(body.bytes) ?? contentTypeOf(pending.cloudPath),
      createdAt: Date.now(),
    });
    if (replaced) this.blobs.remove(replaced.diskPath);
  }

  /** The file behind a temp URL path (`/<bucket>/<cloudPath>`, percent-encoded) if its signature holds and has not expired. */
  openTempUrl(
    urlPath: string,
    query: URLSearchParams,
  ): { ok: true; bytes: Buffer; contentType: string } | { ok: false; status: 400 | 403 | 404; code: string } {
    const prefix = `/${this.bucket}/`;
    if (!urlPath.startsWith(prefix)) return { ok: false, status: 404, code: 'NoSuchBucket' };
    const candidates = cloudPathCandidates(urlPath.slice(prefix.length));
    if (candidates.length === 0) return { ok: false, status: 400, code: 'InvalidURI' };
    const expires = Number(query.get('t'));
    // The SDKs encodeURI() the URL once more before fetching it: the signature tells which reading is meant.
    const fileId = candidates
      .map((cloudPath) => this.fileIdOf(cloudPath))
      .find((id) => query.get('sign') === this.sign(id, expires));
    if (fileId === undefined || !(expires * 1000 > Date.now())) {
      return { ok: false, status: 403, code: 'AccessDenied' };
    }
    const file = this.store.getFile(fileId);
    const bytes = file && this.blobs.read(file.diskPath);
    if (!file || !bytes) return { ok: false, status: 404, code: 'NoSuchKey' };
    return { ok: true, bytes, contentType: file.contentType };
  }

  /** For the console: every stored file with its cloud path, newest first. */
  listFiles(): { fileId: string; cloudPath: string; size: number; contentType: string; createdAt: number }[] {
    return this.store.allFiles().map((file) => ({
      fileId: file.fileId,
      cloudPath: this.cloudPathOf(file.fileId) ?? file.fileId,
      size: file.size,
      contentType: file.contentType,
      createdAt: file.createdAt,
    }));
  }

  /** For the console: a stored file's bytes. */
  readFile(fileId: string): { bytes: Buffer; contentType: string } | undefined {
    const file = this.store.getFile(fileId);
    const bytes = file && this.blobs.read(file.diskPath);
    return file && bytes ? { bytes, contentType: file.contentType } : undefined;
  }

  /** Removes every stored file (reset). */
  clear(): void {
    this.uploads.clear();
    this.blobs.clear();
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.options.envId}.${this.bucket}/${cloudPath}`;
  }

  private uploadMetadata(cloudPath: unknown): Record<string, unknown> {
    const checked = checkCloudPath(cloudPath);
    const token = randomHex(16);
    const fileId = this.fileIdOf(checked);
    this.forgetStaleUploads();
    this.uploads.set(token, {
      fileId,
      cloudPath: checked,
      expiresAt: Date.now() + (this.options.uploadTtlMs ?? 10 * 60_000),
    });
    return {
      // One URL for both protocols: 4.x PUTs the bytes, 2.x and 3.x POST a COS form (key, token, file).
      url: `${this.options.baseUrl()}/__storage/upload?token=${token}`,
      token: uploadToken(token),
      authorization: 'q-sign-algorithm=sha1&q-ak=local-emulator',
      fileId,
      cosFileId: `cos-${randomHex(12)}`,
      download_url: '',
    };
  }

  private forgetStaleUploads(): void {
    const now = Date.now();
    for (const [token, upload] of this.uploads) {
      // Map order is insertion order: the oldest go first when the map is full.
      if (upload.expiresAt < now || this.uploads.size >= MAX_PENDING_UPLOADS) this.uploads.delete(token);
      else break;
    }
  }

  private downloadUrls(list: unknown): Record<string, unknown>[] {
    return checkBatch(list, 'file_list').map((item: unknown) => {
      const entry = (item ?? {}) as { fileid?: unknown; max_age?: unknown };
      const fileId = typeof entry.fileid === 'string' ? entry.fileid : '';
      const maxAge =
        typeof entry.max_age === 'number' && entry.max_age > 0 ? entry.max_age : DEFAULT_MAX_AGE_S;
      const cloudPath = this.cloudPathOf(fileId);
      if (cloudPath === undefined || !this.store.getFile(fileId)) {
        return { fileID: fileId, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' };
      }
      const expires = Math.floor(Date.now() / 1000) + maxAge;
      const tempFileURL = `${this.options.baseUrl()}/${this.bucket}/${tempUrlPathOf(cloudPath)}?sign=${this.sign(fileId, expires)}&t=${expires}`;
      return { fileID: fileId, tempFileURL, code: 'SUCCESS', maxAge };
    });
  }

  private deleteFiles(list: unknown): Record<string, unknown>[] {
    return checkBatch(list, 'fileid_list').map((item: unknown) => {
      const fileId = typeof item === 'string' ? item : '';
      // The record goes first: a crash before the bytes do leaves only an unreferenced blob.
      const removed = this.store.deleteFile(fileId);
      if (!removed) return { fileID: fileId, code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' };
      this.blobs.remove(removed.diskPath);
      return { fileID: fileId, code: 'SUCCESS' };
    });
  }

  private cloudPathOf(fileId: string): string | undefined {
    const prefix = `cloud://${this.options.envId}.${this.bucket}/`;
    return fileId.startsWith(prefix) ? fileId.slice(prefix.length) : undefined;
  }

  private sign(fileId: string, expires: number): string {
    return crypto
      .createHmac('sha256', this.signingKey)
      .update(`${fileId}\n${expires}`)
      .digest('hex')
      .slice(0, 32);
  }
}

function uploadToken(token: string): string {
  return `local-${token}`;
}

function checkBatch(list: unknown, name: string): unknown[] {
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BATCH) {
    throw new TcbError('INVALID_PARAM', `${name} must be an array of 1 to ${MAX_BATCH} entries`);
  }
  return list;
}

// C0 controls, DEL and C1 controls: a URL parser drops or rewrites some of them.
const CONTROL = /\p{Cc}/u;

function checkCloudPath(cloudPath: unknown): string {
  if (typeof cloudPath !== 'string' || cloudPath === '' || cloudPath.length > 850) {
    throw new TcbError('INVALID_PARAM', 'cloudPath must be a non-empty string of at most 850 characters');
  }
  const parts = cloudPath.split('/');
  if (
    cloudPath.startsWith('/') ||
    parts.some((p) => p === '' || p === '.' || p === '..') ||
    cloudPath.includes('\\') ||
    CONTROL.test(cloudPath)
  ) {
    throw new TcbError('INVALID_PARAM', `invalid cloudPath: ${JSON.stringify(cloudPath.slice(0, 100))}`);
  }
  return cloudPath;
}

const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.bmp': 'image/bmp',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.json': 'application/json',
  '.txt': 'text/plain',
};

function contentTypeOf(cloudPath: string): string {
  return CONTENT_TYPES[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream';
}
