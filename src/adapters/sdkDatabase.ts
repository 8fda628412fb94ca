/**
 * The slice of wx-server-sdk's database API the adapters use, typed precisely (the SDK's own
 * typings return `Promise<…> | void | string` unions). The composition root casts `cloud.database()`
 * to it once.
 */
export type DocumentData = Record<string, unknown>;

export interface SdkQuery {
  where(query: DocumentData): SdkQuery;
  orderBy(field: string, order: 'asc' | 'desc'): SdkQuery;
  skip(offset: number): SdkQuery;
  limit(max: number): SdkQuery;
  field(projection: Record<string, boolean>): SdkQuery;
  get(): Promise<{ data: DocumentData[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: DocumentData }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface SdkDocument {
  get(): Promise<{ data: DocumentData }>;
  set(options: { data: DocumentData }): Promise<unknown>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface SdkCollection extends SdkQuery {
  add(options: { data: DocumentData }): Promise<{ _id: string }>;
  doc(id: string): SdkDocument;
}

export interface SdkCommand {
  set(value: unknown): unknown;
  inc(by: number): unknown;
  lt(value: number | Date): unknown;
  gt(value: number | Date): unknown;
}

export interface SdkDatabase {
  collection(name: string): SdkCollection;
  createCollection(name: string): Promise<unknown>;
  serverDate(): unknown;
  readonly command: SdkCommand;
}

/** wx-server-sdk's error for a missing collection (errCode -502005 / DATABASE_COLLECTION_NOT_EXIST). */
export function isCollectionMissing(error: unknown): boolean {
  return hasMarker(error, /COLLECTION_NOT_EXIST|-502005|collection not exist/i);
}

/** A unique-key violation (an insert racing another for the same _id). */
export function isDuplicateKey(error: unknown): boolean {
  return hasMarker(error, /duplicate|E11000/i);
}

function hasMarker(error: unknown, pattern: RegExp): boolean {
  if (!error || typeof error !== 'object') return false;
  const { errCode, errMsg, code, message } = error as Record<string, unknown>;
  return [errCode, errMsg, code, message].some((value) => value !== undefined && pattern.test(String(value)));
}
