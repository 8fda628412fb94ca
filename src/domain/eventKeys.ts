import { isPlainObject } from './readOwnValue';

/** Injected by the platform into every mini-program call: accepted, never trusted for identity. */
export const PLATFORM_KEYS = ['userInfo'] as const;

/** A key as it may appear in an error message: quoted, control characters escaped, at most 40 chars. */
export function describeKey(key: string): string {
  const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  return JSON.stringify(shown);
}

/** The first own key (Object.keys: own, enumerable, '__proto__' included) not in `allowed`. */
export function findUnknownKey(
  event: Record<string, unknown>,
  allowed: readonly string[],
): string | undefined {
  return Object.keys(event).find(
    (key) => !allowed.includes(key) && !(PLATFORM_KEYS as readonly string[]).includes(key),
  );
}

/** What an event that is not a plain object is, for the error message. */
export function describeNonObject(value: unknown): string | null {
  if (isPlainObject(value)) return null;
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'a non-plain object' : `a ${typeof value}`;
}
