import { CosError } from '../../core/errors';
import type { RequestStats } from '../../core/stats/RequestStats';
import type { StorageService, UploadBody } from '../../core/storage/StorageService';
import { type BodyRefusals, type MultipartPart, readBody, readMultipart } from '../readBody';
import type { Route } from '../types';

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const refusals: BodyRefusals = {
  tooLarge: () => new CosError(413, 'EntityTooLarge', 'upload exceeds 50 MB'),
  malformed: (why) => new CosError(400, 'MalformedPOSTRequest', why),
};

/**
 * The upload URL from getUploadMetadata. wx-server-sdk 4.x PUTs the bytes (COS answers 200, empty
 * body); 2.x and 3.x POST a COS form with `key`, `x-cos-security-token` and `file` (COS answers
 * 204, empty body). Both parse an XML `<Error>` on failure.
 */
export function uploadRoute(storage: StorageService, stats: RequestStats): Route {
  return {
    methods: ['PUT', 'POST'],
    matches: (pathname) => pathname === '/__storage/upload',
    flavor: 'storage',
    async handle({ req, url, method }) {
      stats.count(`storage:${method} upload`);
      const token = url.searchParams.get('token') ?? '';
      if (method === 'PUT') {
        storage.completeUpload(token, {
          kind: 'put',
          bytes: await readBody(req, MAX_UPLOAD_BYTES, refusals),
        });
        return { status: 200, body: '' };
      }
      storage.completeUpload(token, formUpload(await readMultipart(req, MAX_UPLOAD_BYTES, refusals)));
      return { status: 204 };
    },
  };
}

function formUpload(parts: Map<string, MultipartPart>): UploadBody {
  const file = parts.get('file');
  const key = parts.get('key');
  if (!file || !key) throw refusals.malformed('the form needs a key and a file');
  return {
    kind: 'form',
    key: key.bytes.toString('utf8'),
    token: parts.get('x-cos-security-token')?.bytes.toString('utf8') ?? '',
    bytes: file.bytes,
  };
}

/** Temp URLs from getTempFileURL: `GET /<bucket>/<cloudPath>?sign=…&t=…`, signed and expiring. */
export function tempUrlRoute(storage: StorageService): Route {
  return {
    methods: ['GET', 'HEAD'],
    matches: (pathname) => pathname.startsWith(`/${storage.bucket}/`),
    flavor: 'storage',
    async handle({ url, method }) {
      const file = storage.openTempUrl(url.pathname, url.searchParams);
      if (!file.ok) throw new CosError(file.status, file.code);
      return {
        status: 200,
        headers: { 'content-type': file.contentType, 'content-length': String(file.bytes.length) },
        ...(method === 'HEAD' ? {} : { body: file.bytes }),
      };
    },
  };
}
