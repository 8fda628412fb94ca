import type { DriverLicense, LicenseWarning } from '../domain/DriverLicense';

/** A recognized licence as stored, scoped to its owner. */
export interface StoredLicense {
  id: string;
  license: DriverLicense;
  warnings: LicenseWarning[];
  imageSha256: string | null;
  fileID: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface LicenseDraft {
  license: DriverLicense;
  warnings: LicenseWarning[];
  imageSha256: string | null;
  fileID: string | null;
}

/** A recognition result kept until it is saved, so a failed save never costs quota twice. */
export interface PendingResult {
  license: DriverLicense;
  warnings: LicenseWarning[];
}

/** Every method is scoped by the caller's openid; no method can reach another caller's data. */
export interface LicenseRepository {
  findByImage(openid: string, imageSha256: string): Promise<StoredLicense | null>;
  /**
   * One record per (openid, idNum): inserts or updates, atomically under concurrency.
   * `replacedFileID` is the image the record pointed to before, when the update replaced it.
   */
  upsert(
    openid: string,
    draft: LicenseDraft,
  ): Promise<{ id: string; created: boolean; replacedFileID: string | null }>;
  get(openid: string, id: string): Promise<StoredLicense | null>;
  list(
    openid: string,
    page: { limit: number; offset: number },
  ): Promise<{ records: StoredLicense[]; total: number }>;
  /** Returns the deleted record, or null when the caller has none with that id. */
  delete(openid: string, id: string): Promise<StoredLicense | null>;

  /**
   * Binds an uploaded file to the first caller who scans it; false when another caller already
   * has, so a leaked fileID cannot be used to read someone else's licence.
   */
  claimFile(openid: string, fileID: string): Promise<boolean>;

  getPending(openid: string, imageSha256: string): Promise<PendingResult | null>;
  putPending(openid: string, imageSha256: string, result: PendingResult): Promise<void>;
  deletePending(openid: string, imageSha256: string): Promise<void>;
}
