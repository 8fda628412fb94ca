import { BSONRegExp, EJSON } from 'bson';
import { TcbError } from '../errors';

export type Doc = Record<string, unknown>;

/**
 * Parses the EJSON strings the SDK sends (canonical: `{"$numberInt":"1"}`, `{"$date":…}`,
 * `{"$regularExpression":…}`) into plain JS values mingo understands, and resolves
 * `db.serverDate()` (`{"$tcb_server_date":{"offset":N}}`) to the server's clock now.
 */
export function parseEjson(text: unknown, what: string, now = Date.now()): unknown {
  if (typeof text !== 'string') throw new TcbError('INVALID_PARAM', `${what} must be an EJSON string`);
  let value: unknown;
  try {
    value = EJSON.parse(text, { relaxed: true });
  } catch (error) {
    throw new TcbError('INVALID_PARAM', `${what} is not valid EJSON: ${(error as Error).message}`);
  }
  return normalize(value, now, what, 0);
}

/** The same checks and conversions for a value that arrived as JSON rather than an EJSON string. */
export function normalizeEjson(value: unknown, what: string, now = Date.now()): unknown {
  return normalize(value, now, what, 0);
}

/** Deeper than any document or query a program writes; bounds every recursion below (and mingo's). */
const MAX_DEPTH = 64;

/** Server-side JavaScript: CloudBase runs none of it, and mingo would call it with a stack trace. */
const SCRIPT_OPERATORS = new Set(['$function', '$where', '$accumulator']);

export function parseEjsonObject(text: unknown, what: string, now = Date.now()): Doc {
  const value = parseEjson(text, what, now);
  if (!isPlainObject(value)) throw new TcbError('INVALID_PARAM', `${what} must be an object`);
  return value;
}

function normalize(value: unknown, now: number, what: string, depth: number): unknown {
  if (depth > MAX_DEPTH)
    throw new TcbError('INVALID_PARAM', `${what} is nested deeper than ${MAX_DEPTH} levels`);
  if (value instanceof BSONRegExp) {
    // JS supports i, m, s, u of Mongo's options; x (extended) has no JS equivalent.
    const flags = [...new Set(value.options.split(''))].filter((f) => 'imsu'.includes(f)).join('');
    return new RegExp(value.pattern, flags);
  }
  if (Array.isArray(value)) return value.map((item) => normalize(item, now, what, depth + 1));
  if (isPlainObject(value)) {
    const serverDate = value.$tcb_server_date;
    if (serverDate !== undefined && Object.keys(value).length === 1) {
      const offset =
        isPlainObject(serverDate) && typeof serverDate.offset === 'number' ? serverDate.offset : 0;
      return new Date(now + offset);
    }
    const out: Doc = {};
    for (const [key, item] of Object.entries(value)) {
      if (SCRIPT_OPERATORS.has(key)) {
        throw new TcbError(
          'DATABASE_INVALID_OPERRATOR',
          `[InvalidParameter] operator ${key} is not supported`,
        );
      }
      // Not `out[key] =`: a "__proto__" key would set the prototype instead of a field.
      Object.defineProperty(out, key, {
        value: normalize(item, now, what, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** A plain object from any realm (jest runs code in a vm context whose Object differs from Node's). */
export function isPlainObject(value: unknown): value is Doc {
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Storage form: relaxed EJSON keeps Date typed and is readable in the SQLite file. */
export function toStoredText(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: true });
}

export function fromStoredText(text: string): Doc {
  return EJSON.parse(text, { relaxed: true }) as Doc;
}

/** Wire form of a document in `data.list`, as the real backend sends it (canonical EJSON). */
export function toWireText(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: false });
}
