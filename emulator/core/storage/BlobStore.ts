import fs from 'node:fs';
import path from 'node:path';
import { randomHex } from '../ids';

/** Blobs are named by 32 random hex characters; nothing else in the folder is theirs. */
const BLOB_NAME = /^[0-9a-f]{32}$/;

/** Owner-only: stored files are photos of licences. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * The bytes of stored files, one immutable blob each, owner-only. A write never touches an existing
 * blob: it makes a new one and fsyncs it and its folder, and the caller then switches its record
 * to it in one database commit. So kill -9 at any point leaves each record on a complete blob, the
 * old one or the new one; what a crash strands is an unreferenced blob, removed by `sweep`.
 */
export class BlobStore {
  constructor(readonly root: string) {}

  /** Writes a new blob durably and answers its name (relative to the root). */
  write(bytes: Buffer): string {
    fs.mkdirSync(this.root, { recursive: true, mode: PRIVATE_DIR_MODE });
    const name = randomHex(16);
    const fd = fs.openSync(path.join(this.root, name), 'wx', PRIVATE_FILE_MODE);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fsyncDir(this.root);
    return name;
  }

  /** Absolute path of a blob; records written before blobs existed hold absolute paths. */
  pathOf(name: string): string {
    return path.isAbsolute(name) ? name : path.join(this.root, name);
  }

  read(name: string): Buffer | undefined {
    try {
      return fs.readFileSync(this.pathOf(name));
    } catch {
      return undefined;
    }
  }

  remove(name: string): void {
    fs.rmSync(this.pathOf(name), { force: true });
  }

  /** Removes blobs no record references (left by a crash between a write and its commit). */
  sweep(referenced: ReadonlySet<string>): number {
    let removed = 0;
    for (const entry of safeReaddir(this.root)) {
      if (BLOB_NAME.test(entry) && !referenced.has(entry)) {
        fs.rmSync(path.join(this.root, entry), { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  clear(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
