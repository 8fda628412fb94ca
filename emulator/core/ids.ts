import crypto from 'node:crypto';

export function randomHex(bytes: number): string {
  return crypto.randomBytes(bytes).toString('hex');
}

/** A document id shaped like CloudBase's: 32 lowercase hex characters. */
export function newDocumentId(): string {
  return randomHex(16);
}

/** WeChat appends a request id to every errmsg (`... rid: 6565c3e1-...`); tests should match the prefix. */
export function withRid(errmsg: string): string {
  const rid = `${randomHex(4)}-${randomHex(4)}-${randomHex(4)}`;
  return `${errmsg} rid: ${rid}`;
}
