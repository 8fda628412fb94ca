/**
 * Masks for personal data shown on screen. The licence number keeps its first 4 and last 2
 * characters (the team rule for logs too); a name keeps its first character.
 * Array.from splits by code point, so names outside the BMP are not cut in half.
 */
const MASK = '*';

export function maskIdNum(idNum: string): string {
  const chars = Array.from(idNum);
  if (chars.length <= 6) return MASK.repeat(chars.length);
  return chars.slice(0, 4).join('') + MASK.repeat(chars.length - 6) + chars.slice(-2).join('');
}

export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return MASK.repeat(chars.length);
  return chars[0] + MASK.repeat(chars.length - 1);
}

/** Keeps roughly the province and city (first 6 characters) of an address. */
export function maskAddress(address: string): string {
  const chars = Array.from(address);
  const kept = Math.min(6, Math.floor(chars.length / 2));
  return chars.slice(0, kept).join('') + MASK.repeat(chars.length - kept);
}
