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
   * `replacedFileID` is the image the record pointed to before, when this very update replaced it
   * (of concurrent scans, each replaced image is reported to exactly one of them).
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
  /**
   * Deletes the record as `stored` saw it: false when it is gone or now points at another image
   * (read it again: that image is the one to remove).
   */
  delete(openid: string, stored: StoredLicense): Promise<boolean>;

  getPending(openid: string, imageSha256: string): Promise<PendingResult | null>;
  putPending(openid: string, imageSha256: string, result: PendingResult): Promise<void>;
  deletePending(openid: string, imageSha256: string): Promise<void>;
}
