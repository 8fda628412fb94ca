/**
 * The slice of wx-server-sdk these tests use, typed by what the SDK actually returns (its own
 * typings mix callback overloads, so every result would be `string | void | …`).
 */
export type Doc = { _id: string } & Record<string, unknown>;

export interface Command {
  gt(value: unknown): Command;
  gte(value: unknown): Command;
  lt(value: unknown): Command;
  in(values: unknown[]): Command;
  and(...conditions: unknown[]): Command;
  or(...conditions: unknown[]): Command;
  exists(present: boolean): Command;
  inc(by: number): Command;
  remove(): Command;
  set(value: unknown): Command;
  push(value: unknown): Command;
}

export interface Query {
  where(condition: object): Query;
  orderBy(field: string, direction: 'asc' | 'desc'): Query;
  skip(offset: number): Query;
  limit(limit: number): Query;
  field(projection: object): Query;
  get(): Promise<{ data: Doc[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface DocumentRef {
  get(): Promise<{ data: Doc }>;
  set(options: { data: object }): Promise<{ stats: { updated: number; created?: number } }>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Collection extends Query {
  add(options: { data: object }): Promise<{ _id: string }>;
  doc(id: string): DocumentRef;
}

export interface Database {
  collection(name: string): Collection;
  createCollection(name: string): Promise<unknown>;
  command: Command;
  serverDate(options?: { offset: number }): unknown;
  RegExp(options: { regexp: string; options?: string }): unknown;
}

export type OcrResult = { errCode: number; errMsg: string } & Record<string, unknown>;

type OpenApiCall = (data: Record<string, unknown>) => Promise<OcrResult>;

export interface OpenApiNamespace {
  /** The SDK proxies any name; `unknownThing` reaches the gateway like a typo would. */
  ocr: { driverLicense: OpenApiCall; unknownThing: OpenApiCall };
}

export type OpenApi = OpenApiNamespace & ((options: { convertCase?: boolean }) => OpenApiNamespace);

export interface TempFile {
  fileID: string;
  tempFileURL: string;
  status: number;
  maxAge?: number;
}

export interface Cloud {
  DYNAMIC_CURRENT_ENV: symbol;
  init(options: { env?: unknown; timeout?: number }): void;
  database(): Database;
  openapi: OpenApi;
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  getTempFileURL(options: {
    fileList: (string | { fileID: string; maxAge: number })[];
  }): Promise<{ fileList: TempFile[] }>;
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>;
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number }[] }>;
  getWXContext(): Record<string, unknown>;
}
