import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** A stored document: its id and its body as relaxed EJSON text (keeps dates and regexes typed). */
export interface StoredDoc {
  id: string;
  body: string;
}

export interface IndexDefinition {
  collection: string;
  name: string;
  fields: string[];
  unique: boolean;
}

export interface FileRecord {
  fileId: string;
  diskPath: string;
  size: number;
  contentType: string;
  createdAt: number;
}

/** Thrown by `setUniqueKeys` when another document already holds the key. */
export class UniqueKeyConflict extends Error {
  override readonly name = 'UniqueKeyConflict';
  constructor(
    readonly index: IndexDefinition,
    readonly key: string,
  ) {
    super(`unique index ${index.name} on ${index.collection} already holds ${key}`);
  }
}

/** What a write touched, for listeners such as the console's live view. */
export type StoreChange = 'database' | 'storage' | 'quota';

/**
 * The emulator's only persistence: one SQLite file (WAL) under the data dir. Documents are rows of
 * EJSON text; query semantics live above (mingo). Writes are synchronous, so a transaction per
 * request is atomic with respect to every other request in the process.
 *
 * synchronous=FULL: a commit returns only after the WAL is fsynced, so an acknowledged write
 * survives not only kill -9 (which NORMAL already guarantees in WAL mode) but also an OS crash or
 * power loss. The cost is one fsync per write request; see docs/emulator.md for the numbers.
 */
export class SqliteStore {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly listeners = new Set<(change: StoreChange) => void>();

  constructor(dataDir: string) {
    makePrivate(dataDir);
    this.db = new Database(path.join(dataDir, 'emulator.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS docs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        collection TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,
        UNIQUE (collection, id));
      -- Every query a cloud function makes is scoped by _openid: read only the caller's documents.
      CREATE INDEX IF NOT EXISTS docs_by_openid ON docs (collection, json_extract(body, '$._openid'));
      CREATE TABLE IF NOT EXISTS indexes (
        collection TEXT NOT NULL, name TEXT NOT NULL, fields TEXT NOT NULL, is_unique INTEGER NOT NULL,
        PRIMARY KEY (collection, name));
      CREATE TABLE IF NOT EXISTS unique_keys (
        collection TEXT NOT NULL, index_name TEXT NOT NULL, key TEXT NOT NULL, doc_id TEXT NOT NULL,
        PRIMARY KEY (collection, index_name, key));
      CREATE INDEX IF NOT EXISTS unique_keys_by_doc ON unique_keys (collection, doc_id);
      CREATE TABLE IF NOT EXISTS files (
        file_id TEXT PRIMARY KEY, disk_path TEXT NOT NULL, size INTEGER NOT NULL,
        content_type TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS quota (day TEXT NOT NULL, api TEXT NOT NULL, used INTEGER NOT NULL,
        PRIMARY KEY (day, api));
    `);
    this.stmts = {
      hasCollection: this.db.prepare('SELECT 1 FROM collections WHERE name = ?'),
      addCollection: this.db.prepare('INSERT INTO collections (name, created_at) VALUES (?, ?)'),
      getDoc: this.db.prepare('SELECT id, body FROM docs WHERE collection = ? AND id = ?'),
      allDocs: this.db.prepare('SELECT id, body FROM docs WHERE collection = ? ORDER BY seq'),
      collections: this.db.prepare(
        'SELECT c.name, (SELECT COUNT(*) FROM docs d WHERE d.collection = c.name) AS count FROM collections c ORDER BY c.name',
      ),
      docsOfOpenid: this.db.prepare(
        "SELECT id, body FROM docs WHERE collection = ? AND json_extract(body, '$._openid') = ? ORDER BY seq",
      ),
      insertDoc: this.db.prepare('INSERT INTO docs (collection, id, body) VALUES (?, ?, ?)'),
      updateDoc: this.db.prepare('UPDATE docs SET body = ? WHERE collection = ? AND id = ?'),
      deleteDoc: this.db.prepare('DELETE FROM docs WHERE collection = ? AND id = ?'),
      indexesOf: this.db.prepare(
        'SELECT collection, name, fields, is_unique FROM indexes WHERE collection = ?',
      ),
      allIndexes: this.db.prepare(
        'SELECT collection, name, fields, is_unique FROM indexes ORDER BY collection, name',
      ),
      putIndex: this.db.prepare(
        'INSERT OR REPLACE INTO indexes (collection, name, fields, is_unique) VALUES (?, ?, ?, ?)',
      ),
      dropKeysOfDoc: this.db.prepare('DELETE FROM unique_keys WHERE collection = ? AND doc_id = ?'),
      dropKeysOfIndex: this.db.prepare('DELETE FROM unique_keys WHERE collection = ? AND index_name = ?'),
      addKey: this.db.prepare(
        'INSERT OR IGNORE INTO unique_keys (collection, index_name, key, doc_id) VALUES (?, ?, ?, ?)',
      ),
      keyOwner: this.db.prepare(
        'SELECT doc_id FROM unique_keys WHERE collection = ? AND index_name = ? AND key = ?',
      ),
      getFile: this.db.prepare(
        'SELECT file_id, disk_path, size, content_type, created_at FROM files WHERE file_id = ?',
      ),
      putFile: this.db.prepare(
        'INSERT OR REPLACE INTO files (file_id, disk_path, size, content_type, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      deleteFile: this.db.prepare('DELETE FROM files WHERE file_id = ?'),
      fileDiskPaths: this.db.prepare('SELECT disk_path FROM files'),
      allFiles: this.db.prepare(
        'SELECT file_id, disk_path, size, content_type, created_at FROM files ORDER BY created_at DESC, file_id',
      ),
      quotaClear: this.db.prepare('DELETE FROM quota WHERE day = ? AND api = ?'),
      quotaUsed: this.db.prepare('SELECT used FROM quota WHERE day = ? AND api = ?'),
      quotaAdd: this.db.prepare(
        'INSERT INTO quota (day, api, used) VALUES (?, ?, 1) ON CONFLICT (day, api) DO UPDATE SET used = used + 1',
      ),
    };
  }

  /** Calls `listener` after each write (a write rolled back may still be told): returns the unsubscribe. */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }

  /** Runs `fn` in one SQLite transaction (IMMEDIATE: takes the write lock up front). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  hasCollection(name: string): boolean {
    return this.stmts.hasCollection.get(name) !== undefined;
  }

  addCollection(name: string): void {
    this.stmts.addCollection.run(name, Date.now());
    this.changed('database');
  }

  /** Every collection with its document count, by name. */
  collections(): { name: string; count: number }[] {
    return this.stmts.collections.all() as { name: string; count: number }[];
  }

  getDoc(collection: string, id: string): StoredDoc | undefined {
    return this.stmts.getDoc.get(collection, id) as StoredDoc | undefined;
  }

  /** Every document of a collection in insertion order (the natural order of the real backend). */
  allDocs(collection: string): StoredDoc[] {
    return this.stmts.allDocs.all(collection) as StoredDoc[];
  }

  /** The collection's documents whose `_openid` is `openid`, through an index. */
  docsOfOpenid(collection: string, openid: string): StoredDoc[] {
    return this.stmts.docsOfOpenid.all(collection, openid) as StoredDoc[];
  }

  insertDoc(collection: string, doc: StoredDoc): void {
    this.stmts.insertDoc.run(collection, doc.id, doc.body);
    this.changed('database');
  }

  updateDoc(collection: string, doc: StoredDoc): void {
    this.stmts.updateDoc.run(doc.body, collection, doc.id);
    this.changed('database');
  }

  deleteDoc(collection: string, id: string): void {
    this.stmts.deleteDoc.run(collection, id);
    this.stmts.dropKeysOfDoc.run(collection, id);
    this.changed('database');
  }

  indexesOf(collection: string): IndexDefinition[] {
    return (this.stmts.indexesOf.all(collection) as IndexRow[]).map(toIndex);
  }

  allIndexes(): IndexDefinition[] {
    return (this.stmts.allIndexes.all() as IndexRow[]).map(toIndex);
  }

  putIndex(index: IndexDefinition): void {
    this.stmts.putIndex.run(index.collection, index.name, JSON.stringify(index.fields), index.unique ? 1 : 0);
    this.stmts.dropKeysOfIndex.run(index.collection, index.name);
  }

  /**
   * Replaces the unique keys a document holds (one per unique index). Throws UniqueKeyConflict when
   * another document holds one of them; call inside a transaction so the write rolls back.
   */
  setUniqueKeys(collection: string, docId: string, keys: { index: IndexDefinition; key: string }[]): void {
    this.stmts.dropKeysOfDoc.run(collection, docId);
    for (const { index, key } of keys) {
      const owner = this.stmts.keyOwner.get(collection, index.name, key) as { doc_id: string } | undefined;
      if (owner && owner.doc_id !== docId) throw new UniqueKeyConflict(index, key);
      this.stmts.addKey.run(collection, index.name, key, docId);
    }
  }

  getFile(fileId: string): FileRecord | undefined {
    const row = this.stmts.getFile.get(fileId) as FileRow | undefined;
    return row ? toFile(row) : undefined;
  }

  /** Points `file.fileId` at its new bytes in one commit; answers the record it replaced, if any. */
  putFile(file: FileRecord): FileRecord | undefined {
    return this.transaction(() => {
      const previous = this.getFile(file.fileId);
      this.stmts.putFile.run(file.fileId, file.diskPath, file.size, file.contentType, file.createdAt);
      this.changed('storage');
      return previous;
    });
  }

  /** Removes a file's record in one commit; answers it, or undefined when there was none. */
  deleteFile(fileId: string): FileRecord | undefined {
    return this.transaction(() => {
      const previous = this.getFile(fileId);
      if (previous) {
        this.stmts.deleteFile.run(fileId);
        this.changed('storage');
      }
      return previous;
    });
  }

  /** Every stored file, newest first. */
  allFiles(): FileRecord[] {
    return (this.stmts.allFiles.all() as FileRow[]).map(toFile);
  }

  /** Where every stored file's bytes are (for removing bytes no record points at). */
  fileDiskPaths(): string[] {
    return (this.stmts.fileDiskPaths.all() as { disk_path: string }[]).map((row) => row.disk_path);
  }

  quotaUsed(day: string, api: string): number {
    const row = this.stmts.quotaUsed.get(day, api) as { used: number } | undefined;
    return row?.used ?? 0;
  }

  quotaAdd(day: string, api: string): void {
    this.stmts.quotaAdd.run(day, api);
    this.changed('quota');
  }

  /** Forgets a day's count: the quota is whole again. */
  quotaClear(day: string, api: string): void {
    this.stmts.quotaClear.run(day, api);
    this.changed('quota');
  }

  /** Empties everything: collections, documents, indexes, file records, quota counters. */
  clearData(): void {
    this.transaction(() => {
      this.db.exec(
        'DELETE FROM docs; DELETE FROM collections; DELETE FROM indexes; DELETE FROM unique_keys; DELETE FROM files; DELETE FROM quota;',
      );
    });
    for (const change of ['database', 'storage', 'quota'] as const) this.changed(change);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * The data dir holds licence photos and records: owner-only, whatever the umask, including a
 * folder an earlier version created 755. SQLite gives its -wal and -shm files the mode of the
 * database file, so that one is created 600 before SQLite opens it.
 */
function makePrivate(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  const file = path.join(dataDir, 'emulator.sqlite');
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const name of [file, `${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(name)) fs.chmodSync(name, 0o600);
  }
}

interface IndexRow {
  collection: string;
  name: string;
  fields: string;
  is_unique: number;
}

interface FileRow {
  file_id: string;
  disk_path: string;
  size: number;
  content_type: string;
  created_at: number;
}

function toFile(row: FileRow): FileRecord {
  return {
    fileId: row.file_id,
    diskPath: row.disk_path,
    size: row.size,
    contentType: row.content_type,
    createdAt: row.created_at,
  };
}

function toIndex(row: IndexRow): IndexDefinition {
  return {
    collection: row.collection,
    name: row.name,
    fields: JSON.parse(row.fields) as string[],
    unique: row.is_unique === 1,
  };
}
