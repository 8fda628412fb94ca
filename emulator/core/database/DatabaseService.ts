import { update as applyUpdate, Query } from 'mingo';
import type { IndexDefinition, SqliteStore, StoredDoc } from '../../persistence/SqliteStore';
import { UniqueKeyConflict } from '../../persistence/SqliteStore';
import { AdminError, TcbError } from '../errors';
import { newDocumentId } from '../ids';
import {
  type Doc,
  fromStoredText,
  isPlainObject,
  normalizeEjson,
  parseEjson,
  parseEjsonObject,
  toStoredText,
  toWireText,
} from './ejson';
import { OutOfTime, runWithin } from './runWithin';

/** A cloud function's `get()` returns at most 100 documents; 100 is also the default limit. */
export const MAX_GET_LIMIT = 100;

/**
 * Query and update evaluation per request: a scan of 10 000 documents takes under 100 ms; a
 * catastrophic regular expression is stopped here instead of holding every other request.
 */
export const DEFAULT_QUERY_TIME_LIMIT_MS = 500;

export const DATABASE_ACTIONS = [
  'database.addCollection',
  'database.insertDocument',
  'database.getDocument',
  'database.modifyDocument',
  'database.removeDocument',
  'database.calculateDocument',
] as const;
export type DatabaseAction = (typeof DATABASE_ACTIONS)[number];

type Params = Record<string, unknown>;

/** Error texts of the real backend, as wx-server-sdk shows them after its own prefix. */
const MESSAGES = {
  collectionNotExist:
    '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.',
  collectionExists: '[ResourceInUse.TableExist] Table exist.',
};

/**
 * The CloudBase database actions wx-server-sdk sends, over SQLite (storage) and mingo (query and
 * update semantics). Every request is one SQLite transaction: reads see a consistent snapshot and
 * writes, including upserts and unique-index checks, are atomic.
 */
export class DatabaseService {
  /** When the current request's evaluation must stop (requests run one at a time). */
  private deadline = 0;

  constructor(
    private readonly store: SqliteStore,
    private readonly timeLimitMs = DEFAULT_QUERY_TIME_LIMIT_MS,
  ) {}

  isAction(action: string): action is DatabaseAction {
    return (DATABASE_ACTIONS as readonly string[]).includes(action);
  }

  handle(action: DatabaseAction, params: Params): Doc {
    const collection = params.collectionName;
    if (typeof collection !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(collection)) {
      throw new TcbError('INVALID_PARAM', `invalid collectionName: ${JSON.stringify(collection)}`);
    }
    this.deadline = Date.now() + this.timeLimitMs;
    return this.store.transaction(() => {
      if (action === 'database.addCollection') return this.addCollection(collection);
      if (!this.store.hasCollection(collection)) {
        throw new TcbError('DATABASE_COLLECTION_NOT_EXIST', MESSAGES.collectionNotExist);
      }
      switch (action) {
        case 'database.insertDocument':
          return this.insert(collection, params);
        case 'database.getDocument':
          return this.get(collection, params);
        case 'database.modifyDocument':
          return this.modify(collection, params);
        case 'database.removeDocument':
          return this.remove(collection, params);
        case 'database.calculateDocument':
          return { total: this.match(collection, params).length };
      }
    });
  }

  /** Adds a (unique) index; existing documents must already satisfy it. Creates the collection if needed. */
  createIndex(input: unknown): IndexDefinition {
    const index = parseIndex(input);
    return this.store.transaction(() => {
      if (!this.store.hasCollection(index.collection)) this.store.addCollection(index.collection);
      this.store.putIndex(index);
      for (const stored of this.store.allDocs(index.collection)) {
        try {
          this.writeKeys(index.collection, fromStoredText(stored.body), [index]);
        } catch (error) {
          if (error instanceof TcbError)
            throw new AdminError(409, `existing documents violate the index: ${error.message}`);
          throw error;
        }
      }
      return index;
    });
  }

  listIndexes(): IndexDefinition[] {
    return this.store.allIndexes();
  }

  /** For the console: every collection, with how many documents it holds. */
  collections(): { name: string; count: number }[] {
    return this.store.collections();
  }

  /** For the console: a collection's latest `limit` documents, newest first (dates as Date). */
  documents(collection: string, limit: number): Doc[] {
    return this.store
      .allDocs(collection)
      .slice(-limit)
      .reverse()
      .map((stored) => fromStoredText(stored.body));
  }

  document(collection: string, id: string): Doc | undefined {
    const stored = this.store.getDoc(collection, id);
    return stored ? fromStoredText(stored.body) : undefined;
  }

  /** For the console: removes one document (its unique keys too); false when there was none. */
  deleteDocument(collection: string, id: string): boolean {
    return this.store.transaction(() => {
      if (!this.store.getDoc(collection, id)) return false;
      this.store.deleteDoc(collection, id);
      return true;
    });
  }

  private addCollection(collection: string): Doc {
    if (this.store.hasCollection(collection)) {
      throw new TcbError('DATABASE_COLLECTION_ALREADY_EXIST', MESSAGES.collectionExists);
    }
    this.store.addCollection(collection);
    return {};
  }

  private insert(collection: string, params: Params): Doc {
    if (!Array.isArray(params.data) || params.data.length === 0) {
      throw new TcbError('INVALID_PARAM', 'data must be a non-empty array of EJSON documents');
    }
    const now = Date.now();
    const insertedIds: string[] = [];
    for (const text of params.data) {
      const doc = parseEjsonObject(text, 'data[]', now);
      const id = doc._id === undefined ? newDocumentId() : doc._id;
      if (typeof id !== 'string' || id === '')
        throw new TcbError('INVALID_PARAM', '_id must be a non-empty string');
      const withId = { _id: id, ...doc };
      if (this.store.getDoc(collection, id)) throw duplicateKey(collection, '_id_', { _id: id });
      this.writeKeys(collection, withId, this.uniqueIndexes(collection));
      this.store.insertDoc(collection, { id, body: toStoredText(withId) });
      insertedIds.push(id);
    }
    return { insertedIds };
  }

  private get(collection: string, params: Params): Doc {
    const order = params.order === undefined ? undefined : parseEjsonObject(params.order, 'order');
    const projection =
      params.projection === undefined ? undefined : parseEjsonObject(params.projection, 'projection');
    const offset = nonNegativeInt(params.offset ?? 0, 'offset');
    const requested = params.limit === undefined ? MAX_GET_LIMIT : nonNegativeInt(params.limit, 'limit');
    const limit = Math.min(requested === 0 ? MAX_GET_LIMIT : requested, MAX_GET_LIMIT);
    const matched = this.match(collection, params);
    const list = this.evaluate(() => {
      let cursor = new Query({}, {}).find(matched, projection ?? {});
      if (order && Object.keys(order).length > 0) cursor = cursor.sort(order as Record<string, 1 | -1>);
      return cursor.skip(offset).limit(limit).all();
    }) as Doc[];
    return { list: list.map(toWireText), offset, limit };
  }

  private modify(collection: string, params: Params): Doc {
    const now = Date.now();
    const data = parseEjsonObject(params.data, 'data', now);
    const merge = params.merge !== false;
    const multi = params.multi === true;
    const upsert = params.upsert === true;
    if (Object.hasOwn(data, '_id')) throw new TcbError('INVALID_PARAM', '不能更新_id的值');
    const modifier = merge ? toModifier(data) : undefined;
    const targets = this.match(collection, params);
    const chosen = multi ? targets : targets.slice(0, 1);
    const indexes = this.uniqueIndexes(collection);
    let updated = 0;
    for (const current of chosen) {
      // Clone through the storage form: keeps Dates, and stays in this realm (structuredClone does not under jest).
      const next = modifier ? fromStoredText(toStoredText(current)) : { _id: current._id, ...data };
      if (modifier) this.evaluate(() => applyUpdate(next, modifier, [], undefined, { cloneMode: 'deep' }));
      if (toStoredText(next) === toStoredText(current)) continue;
      this.writeKeys(collection, next, indexes);
      this.store.updateDoc(collection, { id: String(current._id), body: toStoredText(next) });
      updated += 1;
    }
    if (chosen.length > 0 || !upsert) return { updated, matched: chosen.length };

    const query = this.query(params);
    const id = typeof query._id === 'string' ? query._id : newDocumentId();
    const seed: Doc = { _id: id };
    const created = modifier ? seed : { ...seed, ...data };
    if (modifier) this.evaluate(() => applyUpdate(created, modifier, [], undefined, { cloneMode: 'deep' }));
    this.writeKeys(collection, created, indexes);
    this.store.insertDoc(collection, { id, body: toStoredText(created) });
    return { updated: 0, matched: 0, upsert_id: id };
  }

  private remove(collection: string, params: Params): Doc {
    const targets = this.match(collection, params);
    const chosen = params.multi === true ? targets : targets.slice(0, 1);
    for (const doc of chosen) this.store.deleteDoc(collection, String(doc._id));
    return { deleted: chosen.length };
  }

  /** Documents matching `query` (queryType DOC: a primary-key lookup), in insertion order. */
  private match(collection: string, params: Params): Doc[] {
    const query = this.query(params);
    if (params.queryType === 'DOC' && typeof query._id === 'string' && Object.keys(query).length === 1) {
      const stored = this.store.getDoc(collection, query._id);
      return stored ? [fromStoredText(stored.body)] : [];
    }
    // Narrow by primary key or owner first (both indexed); the query itself still decides.
    let candidates: StoredDoc[];
    if (typeof query._id === 'string') {
      const stored = this.store.getDoc(collection, query._id);
      candidates = stored ? [stored] : [];
    } else if (typeof query._openid === 'string') {
      candidates = this.store.docsOfOpenid(collection, query._openid);
    } else {
      candidates = this.store.allDocs(collection);
    }
    const docs = candidates.map((stored: StoredDoc) => fromStoredText(stored.body));
    if (Object.keys(query).length === 0) return docs;
    return this.evaluate(() => {
      const compiled = new Query(query, {});
      return docs.filter((doc) => compiled.test(doc));
    });
  }

  private query(params: Params): Doc {
    if (params.query === undefined || params.query === '') return {};
    const query = isPlainObject(params.query)
      ? normalizeEjson(params.query, 'query')
      : parseEjson(params.query, 'query');
    if (!isPlainObject(query)) throw new TcbError('INVALID_PARAM', 'query must be an object');
    return query;
  }

  /**
   * Runs mingo within the request's time left. mingo rejects bad operators and projections by
   * throwing, at compile time or while matching: the caller's fault, as at CloudBase.
   */
  private evaluate<T>(work: () => T): T {
    try {
      return runWithin(this.deadline - Date.now(), work);
    } catch (error) {
      if (error instanceof TcbError) throw error;
      if (error instanceof OutOfTime) {
        throw new TcbError(
          'DATABASE_REQUEST_FAILED',
          `[FailedOperation] query exceeded the emulator's ${this.timeLimitMs} ms time limit (a catastrophic regular expression?)`,
        );
      }
      throw new TcbError('DATABASE_REQUEST_FAILED', `[InvalidParameter] ${(error as Error).message}`);
    }
  }

  private uniqueIndexes(collection: string): IndexDefinition[] {
    return this.store.indexesOf(collection).filter((index) => index.unique);
  }

  private writeKeys(collection: string, doc: Doc, indexes: IndexDefinition[]): void {
    if (indexes.length === 0) return;
    const keys = indexes.map((index) => ({
      index,
      key: JSON.stringify(index.fields.map((f) => valueAt(doc, f) ?? null)),
    }));
    try {
      this.store.setUniqueKeys(collection, String(doc._id), keys);
    } catch (error) {
      if (!(error instanceof UniqueKeyConflict)) throw error;
      const values = Object.fromEntries(error.index.fields.map((f) => [f, valueAt(doc, f) ?? null]));
      throw duplicateKey(collection, error.index.name, values);
    }
  }
}

/**
 * Mongo's duplicate-key error as CloudBase relays it (wx-server-sdk: errCode -502001). Values are
 * masked (first 4 + last 2 characters): they are often personal, like a licence number.
 */
function duplicateKey(collection: string, indexName: string, values: Record<string, unknown>): TcbError {
  const shown = Object.entries(values)
    .map(([field, value]) => `${field}: ${JSON.stringify(typeof value === 'string' ? mask(value) : value)}`)
    .join(', ');
  return new TcbError(
    'DATABASE_REQUEST_FAILED',
    `[FailedOperation] E11000 duplicate key error collection: ${collection} index: ${indexName} dup key: { ${shown} }`,
  );
}

function mask(value: string): string {
  return value.length <= 6
    ? '*'.repeat(value.length)
    : `${value.slice(0, 4)}${'*'.repeat(value.length - 6)}${value.slice(-2)}`;
}

/** A `merge` update arrives with operators (`$set`, `$inc`...); bare fields mean `$set`. */
function toModifier(data: Doc): Record<string, Doc> {
  const modifier: Record<string, Doc> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith('$')) {
      if (!isPlainObject(value)) throw new TcbError('DATABASE_INVALID_OPERRATOR', `${key} needs an object`);
      modifier[key] = { ...(modifier[key] ?? {}), ...value };
    } else {
      modifier.$set = { ...(modifier.$set ?? {}), [key]: value };
    }
  }
  return modifier;
}

function valueAt(doc: Doc, dottedPath: string): unknown {
  let value: unknown = doc;
  for (const part of dottedPath.split('.')) {
    if (!isPlainObject(value)) return undefined;
    value = value[part];
  }
  return value;
}

function nonNegativeInt(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TcbError('INVALID_PARAM', `${name} must be a non-negative integer`);
  }
  return value;
}

function parseIndex(input: unknown): IndexDefinition {
  if (!isPlainObject(input))
    throw new AdminError(400, 'index must be an object {collection, fields, unique}');
  const { collection, fields, unique, name } = input;
  const extra = Object.keys(input).filter((k) => !['collection', 'fields', 'unique', 'name'].includes(k));
  if (extra.length > 0) throw new AdminError(400, `unknown index keys: ${extra.join(', ')}`);
  if (typeof collection !== 'string' || collection === '')
    throw new AdminError(400, 'index.collection must be a string');
  if (
    !Array.isArray(fields) ||
    fields.length === 0 ||
    !fields.every((f) => typeof f === 'string' && f !== '')
  ) {
    throw new AdminError(400, 'index.fields must be a non-empty array of field paths');
  }
  if (unique !== true) throw new AdminError(400, 'only unique indexes are emulated: set "unique": true');
  if (name !== undefined && typeof name !== 'string')
    throw new AdminError(400, 'index.name must be a string');
  return {
    collection,
    fields: fields as string[],
    unique: true,
    name:
      typeof name === 'string' && name !== '' ? name : (fields as string[]).map((f) => `${f}_1`).join('_'),
  };
}
