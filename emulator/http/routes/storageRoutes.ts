import { AdminError } from '../../core/errors';
import type { StorageService } from '../../core/storage/StorageService';
import { readBody } from '../readBody';
import type { Reply, Route } from '../types';

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

function cosError(status: number, code: string): Reply {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${code}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`,
  };
}

/** The PUT the SDK sends to the URL from getUploadMetadata (COS answers 200 with an empty body). */
export function uploadRoute(storage: StorageService): Route {
  return {
    methods: ['PUT'],
    matches: (pathname) => pathname === '/__storage/upload',
    flavor: 'storage',
    async handle({ req, url }) {
      const bytes = await readBody(req, MAX_UPLOAD_BYTES, () => new AdminError(413, 'upload exceeds 50 MB'));
      const stored = storage.completeUpload(url.searchParams.get('token') ?? '', bytes);
      return stored ? { status: 200, body: '' } : cosError(403, 'AccessDenied');
    },
  };
}

/** Temp URLs from getTempFileURL: `GET /<bucket>/<cloudPath>?sign=…&t=…`, signed and expiring. */
export function tempUrlRoute(storage: StorageService): Route {
  return {
    methods: ['GET', 'HEAD'],
    matches: (pathname) => pathname.startsWith(`/${storage.bucket}/`),
    flavor: 'storage',
    async handle({ url, method }) {
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return cosError(400, 'InvalidURI');
      }
      const file = storage.openTempUrl(pathname, url.searchParams);
      if (!file.ok) return cosError(file.status, file.code);
      return {
        status: 200,
        headers: { 'content-type': file.contentType, 'content-length': String(file.bytes.length) },
        ...(method === 'HEAD' ? {} : { body: file.bytes }),
      };
    },
  };
}
