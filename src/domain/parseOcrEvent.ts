import { describeKey, describeNonObject, findUnknownKey } from './eventKeys';
import { invalidArgument, type ParseResult, parsed } from './ParseResult';
import { readOwnValue } from './readOwnValue';
import { ownerPrefix } from './uploadPath';

export type OcrImageRef = { kind: 'fileID'; fileID: string } | { kind: 'imgUrl'; imgUrl: string };

export const MAX_FILE_ID_LENGTH = 1024;
export const MAX_IMG_URL_LENGTH = 2048;

// cloud://<env>.<bucket>/<path>: the env id is what precedes the first dot of the host part.
const FILE_ID = /^cloud:\/\/([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9._-]+)\/(.+)$/;
// C0 controls, DEL and C1 controls.
const CONTROL = /\p{Cc}/u;
// Percent-encoded '.', '/', '\' or a control character: traversal smuggled past the literal checks.
const ENCODED_TRAVERSAL = /%(?:2e|2f|5c|[01][0-9a-f]|7f)/i;

function checkFileId(value: unknown, ctx: OcrEventContext): ParseResult<OcrImageRef> {
  const { envId } = ctx;
  if (typeof value !== 'string')
    return invalidArgument(`fileID must be a string, got ${describeType(value)}`);
  if (value.length > MAX_FILE_ID_LENGTH) {
    return invalidArgument(`fileID is ${value.length} characters; at most ${MAX_FILE_ID_LENGTH} are allowed`);
  }
  if (CONTROL.test(value)) return invalidArgument('fileID must not contain control characters');
  const match = FILE_ID.exec(value);
  if (!match) return invalidArgument('fileID must look like cloud://<envId>.<bucket>/<path>');
  const [, fileEnv = '', , path = ''] = match;
  if (envId !== '' && fileEnv !== envId) {
    return invalidArgument(
      `fileID belongs to env ${describeKey(fileEnv)}, not this env ${describeKey(envId)}`,
    );
  }
  if (path.includes('..')) return invalidArgument("fileID path must not contain '..'");
  if (path.split('/').includes('.')) return invalidArgument("fileID path must not contain '.' segments");
  if (path.startsWith('/') || path.includes('//'))
    return invalidArgument("fileID path must not contain '//'");
  if (path.includes('\\')) return invalidArgument('fileID path must not contain backslashes');
  if (path.endsWith('/')) return invalidArgument('fileID path must name a file, not a folder');
  if (ENCODED_TRAVERSAL.test(path)) {
    return invalidArgument("fileID path must not percent-encode '.', '/', '\\' or control characters");
  }
  if (!path.startsWith(ownerPrefix(ctx.openid))) {
    return invalidArgument(
      "fileID is not in this user's upload folder: upload to the cloudPath that driverLicenses { action: 'uploadPath' } gives",
    );
  }
  return parsed({ kind: 'fileID', fileID: value });
}

/**
 * https only, no credentials, at most 2048 characters, parseable by the WHATWG URL parser. The
 * host is not restricted (no private-range check): WeChat fetches the URL from its own network,
 * this code never does. Whitespace and backslashes are refused outright so the string WeChat gets
 * is exactly the one validated here (parsers differ on both).
 */
function checkImgUrl(value: unknown): ParseResult<OcrImageRef> {
  if (typeof value !== 'string')
    return invalidArgument(`imgUrl must be a string, got ${describeType(value)}`);
  if (value.length > MAX_IMG_URL_LENGTH) {
    return invalidArgument(`imgUrl is ${value.length} characters; at most ${MAX_IMG_URL_LENGTH} are allowed`);
  }
  if (value === '') return invalidArgument('imgUrl must not be empty');
  if (CONTROL.test(value) || /\s/u.test(value)) {
    return invalidArgument('imgUrl must not contain whitespace or control characters');
  }
  if (value.includes('\\')) return invalidArgument('imgUrl must not contain backslashes');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return invalidArgument('imgUrl is not a valid absolute URL');
  }
  if (url.protocol !== 'https:') {
    return invalidArgument(
      `imgUrl must use https, got ${describeKey(url.protocol.slice(0, -1).slice(0, 20))}`,
    );
  }
  if (url.username !== '' || url.password !== '')
    return invalidArgument('imgUrl must not contain credentials');
  if (url.hostname === '') return invalidArgument('imgUrl must have a host');
  return parsed({ kind: 'imgUrl', imgUrl: value });
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

export interface OcrEventContext {
  /** The caller's env; '' when the platform does not say (any env is then accepted). */
  envId: string;
  /** The authenticated caller: a fileID must lie in its upload folder (uploadPath.ts). */
  openid: string;
}

/**
 * Validates the ocrDriverLicense event: a plain object with exactly one of `fileID` (a cloud://
 * file of the caller's env, in the caller's own upload folder) or `imgUrl` (https). `userInfo`,
 * injected by the platform, is accepted and ignored; any other key is refused by name.
 */
export function parseOcrEvent(event: unknown, ctx: OcrEventContext): ParseResult<OcrImageRef> {
  const notObject = describeNonObject(event);
  if (notObject !== null)
    return invalidArgument(`event must be an object with fileID or imgUrl, got ${notObject}`);
  const record = event as Record<string, unknown>;
  const unknownKey = findUnknownKey(record, ['fileID', 'imgUrl']);
  if (unknownKey !== undefined) {
    return invalidArgument(`unknown key ${describeKey(unknownKey)}; allowed: fileID, imgUrl`);
  }
  const hasFileId = Object.hasOwn(record, 'fileID');
  const hasImgUrl = Object.hasOwn(record, 'imgUrl');
  if (hasFileId && hasImgUrl) return invalidArgument('give exactly one of fileID or imgUrl, not both');
  if (hasFileId) return checkFileId(readOwnValue(record, 'fileID'), ctx);
  if (hasImgUrl) return checkImgUrl(readOwnValue(record, 'imgUrl'));
  return invalidArgument('missing fileID or imgUrl');
}
