import { createHash } from 'node:crypto';
import type { DriverLicense, LicenseWarning } from '../domain/DriverLicense';
import { AppError } from '../errors';
import type {
  LicenseDraft,
  LicenseRepository,
  PendingResult,
  StoredLicense,
} from '../ports/LicenseRepository';
import { type DocumentData, isCollectionMissing, isDuplicateKey, type SdkDatabase } from './sdkDatabase';

export const LICENSES = 'driver_licenses';
export const PENDING = 'driver_license_pending';
/** A kept result older than this is personal data nobody came back for: ignored, then removed. */
export const PENDING_TTL_MS = 24 * 3600_000;

/** Rounds of read-then-conditional-write an upsert may lose to concurrent scans before it gives up. */
const MAX_UPSERT_ROUNDS = 5;

/** Same caller + same key -> same _id: the database's own _id uniqueness makes the upsert race-free. */
export function recordId(openid: string, license: Pick<DriverLicense, 'idNum' | 'name'>): string {
  const key = license.idNum ? `id:${license.idNum}` : `name:${license.name}`;
  return createHash('sha256').update(`${openid}\n${key}`).digest('hex').slice(0, 32);
}

function pendingId(openid: string, imageSha256: string): string {
  return createHash('sha256').update(`${openid}\n${imageSha256}`).digest('hex').slice(0, 32);
}

/** LicenseRepository over the CloudBase database reached through wx-server-sdk. */
export class CloudLicenseRepository implements LicenseRepository {
  constructor(private readonly db: SdkDatabase) {}

  async findByImage(openid: string, imageSha256: string): Promise<StoredLicense | null> {
    const { data } = await this.run(LICENSES, (c) =>
      c.where({ _openid: openid, imageSha256 }).limit(1).get(),
    );
    return data[0] ? toStored(data[0]) : null;
  }

  async upsert(
    openid: string,
    draft: LicenseDraft,
  ): Promise<{ id: string; created: boolean; replacedFileID: string | null }> {
    const id = recordId(openid, draft.license);
    const changes = {
      license: this.db.command.set(draft.license),
      warnings: this.db.command.set(draft.warnings),
      imageSha256: draft.imageSha256,
      fileID: draft.fileID,
      updatedAt: this.db.serverDate(),
    };
    let lostTo: unknown;
    for (let round = 0; round < MAX_UPSERT_ROUNDS; round++) {
      const previous = await this.get(openid, id);
      if (previous) {
        // Only if the record still points at the image read above: then exactly this call replaced
        // it, and its caller removes it. A concurrent scan that got there first makes this read again.
        const { stats } = await this.run(LICENSES, (c) =>
          c.where({ _id: id, _openid: openid, fileID: previous.fileID }).update({ data: changes }),
        );
        if (stats.updated > 0) {
          const replacedFileID = previous.fileID !== draft.fileID ? previous.fileID : null;
          return { id, created: false, replacedFileID };
        }
        continue;
      }
      try {
        await this.run(LICENSES, (c) =>
          c.add({
            data: {
              _id: id,
              _openid: openid,
              license: draft.license,
              warnings: draft.warnings,
              imageSha256: draft.imageSha256,
              fileID: draft.fileID,
              createdAt: this.db.serverDate(),
              updatedAt: this.db.serverDate(),
            },
          }),
        );
        return { id, created: true, replacedFileID: null };
      } catch (error) {
        // Another scan of the same licence inserted first: ours becomes an update, next round.
        if (!(error instanceof AppError) || !isDuplicateKey(error.cause)) throw error;
        lostTo = error;
      }
    }
    throw new AppError(
      'DATABASE_ERROR',
      `upsert of ${LICENSES} record lost ${MAX_UPSERT_ROUNDS} races in a row; try again`,
      lostTo === undefined ? {} : { cause: lostTo },
    );
  }

  async get(openid: string, id: string): Promise<StoredLicense | null> {
    const { data } = await this.run(LICENSES, (c) => c.where({ _id: id, _openid: openid }).limit(1).get());
    return data[0] ? toStored(data[0]) : null;
  }

  async list(openid: string, page: { limit: number; offset: number }) {
    const [{ data }, { total }] = await Promise.all([
      this.run(LICENSES, (c) =>
        c.where({ _openid: openid }).orderBy('updatedAt', 'desc').skip(page.offset).limit(page.limit).get(),
      ),
      this.run(LICENSES, (c) => c.where({ _openid: openid }).count()),
    ]);
    return { records: data.map(toStored), total };
  }

  async delete(openid: string, stored: StoredLicense): Promise<boolean> {
    const { stats } = await this.run(LICENSES, (c) =>
      c.where({ _id: stored.id, _openid: openid, fileID: stored.fileID }).remove(),
    );
    if (stats.removed > 0 && stored.imageSha256) await this.deletePending(openid, stored.imageSha256);
    return stats.removed > 0;
  }

  async getPending(openid: string, imageSha256: string): Promise<PendingResult | null> {
    const id = pendingId(openid, imageSha256);
    const fresh = this.db.command.gt(new Date(Date.now() - PENDING_TTL_MS));
    const { data } = await this.run(PENDING, (c) =>
      c.where({ _id: id, _openid: openid, createdAt: fresh }).limit(1).get(),
    );
    const doc = data[0];
    return doc ? { license: doc.license as DriverLicense, warnings: doc.warnings as LicenseWarning[] } : null;
  }

  async putPending(openid: string, imageSha256: string, result: PendingResult): Promise<void> {
    const id = pendingId(openid, imageSha256);
    await this.run(PENDING, (c) =>
      c.doc(id).set({ data: { _openid: openid, ...result, createdAt: this.db.serverDate() } }),
    );
    // The caller's expired kept results go now: there is no scheduled job to do it.
    const expired = this.db.command.lt(new Date(Date.now() - PENDING_TTL_MS));
    await this.run(PENDING, (c) => c.where({ _openid: openid, createdAt: expired }).remove());
  }

  async deletePending(openid: string, imageSha256: string): Promise<void> {
    const id = pendingId(openid, imageSha256);
    await this.run(PENDING, (c) => c.where({ _id: id, _openid: openid }).remove());
  }

  /**
   * Runs one database call, creating the collection on first use (a fresh environment has none)
   * and turning SDK failures into DATABASE_ERROR with the SDK error kept as cause.
   */
  private async run<T>(collection: string, call: (c: ReturnType<SdkDatabase['collection']>) => Promise<T>) {
    try {
      return await call(this.db.collection(collection));
    } catch (error) {
      if (!isCollectionMissing(error)) throw databaseError(collection, error);
      await this.db.createCollection(collection).catch(() => undefined); // a concurrent creator may win
      try {
        return await call(this.db.collection(collection));
      } catch (retryError) {
        throw databaseError(collection, retryError);
      }
    }
  }
}

function databaseError(collection: string, cause: unknown): AppError {
  return new AppError('DATABASE_ERROR', `database call on ${collection} failed`, { cause });
}

function toStored(doc: DocumentData): StoredLicense {
  return {
    id: String(doc._id),
    license: doc.license as DriverLicense,
    warnings: (doc.warnings as LicenseWarning[] | undefined) ?? [],
    imageSha256: typeof doc.imageSha256 === 'string' ? doc.imageSha256 : null,
    fileID: typeof doc.fileID === 'string' ? doc.fileID : null,
    createdAt: toDate(doc.createdAt),
    updatedAt: toDate(doc.updatedAt),
  };
}

function toDate(value: unknown): Date {
  return value instanceof Date
    ? value
    : new Date(typeof value === 'string' || typeof value === 'number' ? value : 0);
}
