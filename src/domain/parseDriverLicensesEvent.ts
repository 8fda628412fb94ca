import { describeKey, describeNonObject, findUnknownKey } from './eventKeys';
import { invalidArgument, type ParseResult, parsed } from './ParseResult';
import { readOwnValue } from './readOwnValue';
import { UPLOAD_EXTENSIONS, type UploadExtension } from './uploadPath';

/** The driverLicenses event after validation: list always carries its limit and offset. */
export type ParsedDriverLicensesEvent =
  | { action: 'list'; limit: number; offset: number }
  | { action: 'get'; id: string }
  | { action: 'delete'; id: string }
  | { action: 'uploadPath'; extension: UploadExtension };

export const DEFAULT_LIST_LIMIT = 20;
export const MAX_LIST_LIMIT = 100;
export const MAX_LIST_OFFSET = 10_000;
const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;

function readInteger(
  record: Record<string, unknown>,
  key: 'limit' | 'offset',
  fallback: number,
  min: number,
  max: number,
): ParseResult<number> {
  if (!Object.hasOwn(record, key)) return parsed(fallback);
  const value = readOwnValue(record, key);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return invalidArgument(`${key} must be an integer from ${min} to ${max}`);
  }
  return parsed(value);
}

function parseList(record: Record<string, unknown>): ParseResult<ParsedDriverLicensesEvent> {
  const limit = readInteger(record, 'limit', DEFAULT_LIST_LIMIT, 1, MAX_LIST_LIMIT);
  if (!limit.success) return limit;
  const offset = readInteger(record, 'offset', 0, 0, MAX_LIST_OFFSET);
  if (!offset.success) return offset;
  return parsed({ action: 'list', limit: limit.data, offset: offset.data });
}

function parseById(
  record: Record<string, unknown>,
  action: 'get' | 'delete',
): ParseResult<ParsedDriverLicensesEvent> {
  if (!Object.hasOwn(record, 'id')) return invalidArgument(`${action} needs an id`);
  const id = readOwnValue(record, 'id');
  if (typeof id !== 'string' || !RECORD_ID.test(id)) {
    return invalidArgument('id must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -');
  }
  return parsed({ action, id });
}

function parseUploadPath(record: Record<string, unknown>): ParseResult<ParsedDriverLicensesEvent> {
  if (!Object.hasOwn(record, 'extension')) return parsed({ action: 'uploadPath', extension: 'jpg' });
  const extension = readOwnValue(record, 'extension');
  if (!(UPLOAD_EXTENSIONS as readonly unknown[]).includes(extension)) {
    return invalidArgument(`extension must be ${UPLOAD_EXTENSIONS.map((e) => `'${e}'`).join(' or ')}`);
  }
  return parsed({ action: 'uploadPath', extension: extension as UploadExtension });
}

const ACTIONS = ['list', 'get', 'delete', 'uploadPath'] as const;

function isAction(value: unknown): value is (typeof ACTIONS)[number] {
  return (ACTIONS as readonly unknown[]).includes(value);
}

const ALLOWED_KEYS = {
  list: ['action', 'limit', 'offset'],
  get: ['action', 'id'],
  delete: ['action', 'id'],
  uploadPath: ['action', 'extension'],
} as const;

/**
 * Validates the driverLicenses event: `{action:'list', limit?, offset?}` (limit 1..100, default
 * 20; offset 0..10000, default 0), `{action:'get', id}`, `{action:'delete', id}` or
 * `{action:'uploadPath', extension?}` ('jpg' default, or 'png'). `userInfo` is accepted and
 * ignored; any other key is refused by name.
 */
export function parseDriverLicensesEvent(event: unknown): ParseResult<ParsedDriverLicensesEvent> {
  const notObject = describeNonObject(event);
  if (notObject !== null) return invalidArgument(`event must be an object with an action, got ${notObject}`);
  const record = event as Record<string, unknown>;
  const action = readOwnValue(record, 'action');
  if (!isAction(action)) {
    return invalidArgument("action must be 'list', 'get', 'delete' or 'uploadPath'");
  }
  const allowed = ALLOWED_KEYS[action];
  const unknownKey = findUnknownKey(record, allowed);
  if (unknownKey !== undefined) {
    return invalidArgument(
      `unknown key ${describeKey(unknownKey)} for action '${action}'; allowed: ${allowed.join(', ')}`,
    );
  }
  if (action === 'list') return parseList(record);
  if (action === 'uploadPath') return parseUploadPath(record);
  return parseById(record, action);
}
