/**
 * An openid or app id as the console shows it: enough to tell callers apart, not to be one.
 * 'oAbCdEfGhIjKlMnOpQrStUvWxYz1' -> 'oAbC…z1'; ids of 8 characters or fewer keep only their first two.
 */
export function maskCaller(id: string): string {
  const chars = Array.from(id);
  if (chars.length === 0) return '';
  if (chars.length <= 8) return `${chars.slice(0, 2).join('')}…`;
  return `${chars.slice(0, 4).join('')}…${chars.slice(-2).join('')}`;
}
