import { maskAddress, maskIdNumber, maskName } from '../../src/domain/maskPersonal';
import { maskCaller } from '../core/calls/maskCaller';

/** Keys whose values are personal wherever they sit, in either casing, and how each is masked. */
const MASKS: Record<string, (value: string) => string> = {
  idNum: maskIdNumber,
  id_num: maskIdNumber,
  name: maskName,
  address: maskAddress,
  birthDate: maskBirthDate,
  birth_date: maskBirthDate,
  _openid: maskCaller,
};

export function isPersonalKey(key: string): boolean {
  return Object.hasOwn(MASKS, key);
}

/** A personal value as the console shows it until clicked; other keys' values unchanged. */
export function maskValue(key: string, value: string): string {
  return MASKS[key]?.(value) ?? value;
}

/**
 * A document as the console lists it: personal strings masked at any depth, and the dotted paths
 * of what was masked, so the page can offer to reveal them. The full values never leave the
 * emulator until a document is asked for by itself.
 */
export function maskDocument(doc: Record<string, unknown>): {
  doc: Record<string, unknown>;
  masked: string[];
} {
  const masked: string[] = [];
  const walk = (value: unknown, path: string, key: string): unknown => {
    if (typeof value === 'string' && isPersonalKey(key) && value !== '') {
      masked.push(path);
      return maskValue(key, value);
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}.${i}`, ''));
    if (isPlainObject(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, walk(v, path ? `${path}.${k}` : k, k)]),
      );
    }
    return value;
  };
  return { doc: walk(doc, '', '') as Record<string, unknown>, masked };
}

function maskBirthDate(value: string): string {
  return /^\d{4}/.test(value) ? `${value.slice(0, 4)}-**-**` : '*'.repeat(value.length);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
