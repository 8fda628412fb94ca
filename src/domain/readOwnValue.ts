/**
 * Reads an own data property without running getters or touching the prototype chain, so a hostile
 * or odd object ('__proto__' keys, accessors, Proxies) cannot inject values or throw through.
 */
export function readOwnValue(source: unknown, key: string): unknown {
  if (typeof source !== 'object' || source === null) return undefined;
  try {
    const descriptor = Object.getOwnPropertyDescriptor(source, key);
    return descriptor && 'value' in descriptor ? descriptor.value : undefined;
  } catch {
    return undefined; // a Proxy trap threw: treat as absent
  }
}

/** A plain object as JSON produces it: not null, not an array, prototype Object.prototype or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  try {
    const proto: unknown = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
  } catch {
    return false;
  }
}
