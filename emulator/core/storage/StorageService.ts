import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SqliteStore } from '../../persistence/SqliteStore';
import { TcbError } from '../errors';
import { randomHex } from '../ids';
import { sniffImageType } from '../openapi/sniffImageType';

export const STORAGE_ACTIONS = [
  'storage.getUploadMetadata',
  'storage.batchGetDownloadUrl',
  'storage.batchDeleteFile',
] as const;
export type StorageAction = (typeof STORAGE_ACTIONS)[number];

export interface StorageServiceOptions {
  envId: string;
  /** Where files live: `<dataDir>/storage/<bucket>/<cloudPath>`. */
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

const DEFAULT_MAX_AGE_S = 86_400;

/**
 * Cloud storage: fileIDs shaped like the real ones (`cloud://<envId>.<bucket>/<path>`), bytes on
 * disk under the data dir, metadata in SQLite, and signed temp URLs that expire, served by the
 * emulator itself. Uploads follow the SDK: getUploadMetadata, then a PUT to the returned URL.
 */
export class StorageService {
  readonly bucket: string;
  private readonly root: string;
  private readonly signingKey = crypto.randomBytes(32);
  private readonly uploads = new Map<string, PendingUpload>();

  constructor(
    private readonly store: SqliteStore,
    private readonly options: StorageServiceOptions,
  ) {
    // Real buckets read like 7465-test-env-1250000000: hex of the env's first two letters, env, app id.
    this.bucket = `${Buffer.from(options.envId.slice(0, 2)).toString('hex')}-${options.envId}-1250000000`;
    this.root = path.join(options.dataDir, 'storage', this.bucket);
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

  /** Stores the bytes PUT to an upload URL; answers false when the token is unknown or expired. */
  completeUpload(token: string, bytes: Buffer): boolean {
    const pending = this.uploads.get(token);
    this.uploads.delete(token);
    if (!pending || pending.expiresAt < Date.now()) return false;
    const diskPath = path.join(this.root, pending.cloudPath);
    fs.mkdirSync(path.dirname(diskPath), { recursive: true });
    writeDurably(diskPath, bytes);
    this.store.putFile({
      fileId: pending.fileId,
      diskPath,
      size: bytes.length,
      contentType: sniffImageType(bytes) ?? contentTypeOf(pending.cloudPath),
      createdAt: Date.now(),
    });
    return true;
  }

  /** The file behind a temp URL path (`/<bucket>/<cloudPath>`) if the signature holds and has not expired. */
  openTempUrl(
    urlPath: string,
    query: URLSearchParams,
  ): { ok: true; bytes: Buffer; contentType: string } | { ok: false; status: 403 | 404; code: string } {
    const prefix = `/${this.bucket}/`;
    if (!urlPath.startsWith(prefix)) return { ok: false, status: 404, code: 'NoSuchBucket' };
    const cloudPath = urlPath.slice(prefix.length);
    const fileId = this.fileIdOf(cloudPath);
    const expires = Number(query.get('t'));
    if (query.get('sign') !== this.sign(fileId, expires))
      return { ok: false, status: 403, code: 'AccessDenied' };
    if (!(expires * 1000 > Date.now())) return { ok: false, status: 403, code: 'AccessDenied' };
    const file = this.store.getFile(fileId);
    if (!file || !fs.existsSync(file.diskPath)) return { ok: false, status: 404, code: 'NoSuchKey' };
    return { ok: true, bytes: fs.readFileSync(file.diskPath), contentType: file.contentType };
  }

  /** Removes every stored file (reset). */
  clear(): void {
    this.uploads.clear();
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.options.envId}.${this.bucket}/${cloudPath}`;
  }

  private uploadMetadata(cloudPath: unknown): Record<string, unknown> {
    const checked = checkCloudPath(cloudPath);
    const token = randomHex(16);
    const fileId = this.fileIdOf(checked);
    this.uploads.set(token, {
      fileId,
      cloudPath: checked,
      expiresAt: Date.now() + (this.options.uploadTtlMs ?? 10 * 60_000),
    });
    return {
      url: `${this.options.baseUrl()}/__storage/upload?token=${token}`,
      token: `local-${token}`,
      authorization: 'q-sign-algorithm=sha1&q-ak=local-emulator',
      fileId,
      cosFileId: `cos-${randomHex(12)}`,
      download_url: '',
    };
  }

  private downloadUrls(list: unknown): Record<string, unknown>[] {
    if (!Array.isArray(list) || list.length === 0)
      throw new TcbError('INVALID_PARAM', 'file_list must be a non-empty array');
    return list.map((item: unknown) => {
      const entry = (item ?? {}) as { fileid?: unknown; max_age?: unknown };
      const fileId = typeof entry.fileid === 'string' ? entry.fileid : '';
      const maxAge =
        typeof entry.max_age === 'number' && entry.max_age > 0 ? entry.max_age : DEFAULT_MAX_AGE_S;
      const cloudPath = this.cloudPathOf(fileId);
      if (cloudPath === undefined || !this.store.getFile(fileId)) {
        return { fileID: fileId, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' };
      }
      const expires = Math.floor(Date.now() / 1000) + maxAge;
      const tempFileURL = `${this.options.baseUrl()}/${this.bucket}/${cloudPath}?sign=${this.sign(fileId, expires)}&t=${expires}`;
      return { fileID: fileId, tempFileURL, code: 'SUCCESS', maxAge };
    });
  }

  private deleteFiles(list: unknown): Record<string, unknown>[] {
    if (!Array.isArray(list) || list.length === 0)
      throw new TcbError('INVALID_PARAM', 'fileid_list must be a non-empty array');
    return list.map((item: unknown) => {
      const fileId = typeof item === 'string' ? item : '';
      const file = this.store.getFile(fileId);
      if (!file) return { fileID: fileId, code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' };
      fs.rmSync(file.diskPath, { force: true });
      this.store.deleteFile(fileId);
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

function checkCloudPath(cloudPath: unknown): string {
  if (typeof cloudPath !== 'string' || cloudPath === '' || cloudPath.length > 850) {
    throw new TcbError('INVALID_PARAM', 'cloudPath must be a non-empty string');
  }
  const parts = cloudPath.split('/');
  if (
    cloudPath.startsWith('/') ||
    parts.some((p) => p === '' || p === '.' || p === '..') ||
    cloudPath.includes('\\')
  ) {
    throw new TcbError('INVALID_PARAM', `invalid cloudPath: ${cloudPath}`);
  }
  return cloudPath;
}

/** fsync the file and its directory so an acknowledged upload survives a crash. */
function writeDurably(filePath: string, bytes: Buffer): void {
  const fd = fs.openSync(filePath, 'w');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  const dir = fs.openSync(path.dirname(filePath), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
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
