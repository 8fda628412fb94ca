import { createHash, randomBytes } from 'node:crypto';

/**
 * Files are owned by path: each caller uploads only under a folder of its own, which the functions
 * derive from the authenticated openid. So whether a fileID is the caller's is decided by its
 * path, with no lookup and nothing written, and another caller's fileID is refused before download.
 */
export const UPLOAD_ROOT = 'licences';

export const UPLOAD_EXTENSIONS = ['jpg', 'png'] as const;
export type UploadExtension = (typeof UPLOAD_EXTENSIONS)[number];

/**
 * `licences/<owner key>/`. The key is a hash of the openid rather than the openid itself: paths
 * travel in fileIDs and temp URLs, and a user's openid has no business there.
 */
export function ownerPrefix(openid: string): string {
  const key = createHash('sha256').update(`licence-owner\n${openid}`).digest('hex').slice(0, 32);
  return `${UPLOAD_ROOT}/${key}/`;
}

/** A fresh path in the caller's folder: 96 random bits, so nobody can guess another upload's name. */
export function newUploadPath(
  openid: string,
  extension: UploadExtension,
  random: Buffer = randomBytes(12),
): string {
  return `${ownerPrefix(openid)}${random.toString('hex')}.${extension}`;
}

/** The path of a `cloud://<env>.<bucket>/<path>` fileID, or undefined when it is not one. */
export function cloudPathOf(fileID: string): string | undefined {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID);
  return match?.[1];
}

/** True when the file lies in the caller's own folder (and nowhere below a '..'). */
export function isOwnedBy(fileID: string, openid: string): boolean {
  const cloudPath = cloudPathOf(fileID);
  if (cloudPath === undefined || !cloudPath.startsWith(ownerPrefix(openid))) return false;
  return !cloudPath.split('/').some((part) => part === '..' || part === '.' || part === '');
}
