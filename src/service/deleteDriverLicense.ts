import { isOwnedBy } from '../domain/uploadPath';
import { AppError } from '../errors';
import type { ImageSource } from '../ports/ImageSource';
import type { LicenseRepository } from '../ports/LicenseRepository';

/** Rounds a delete may lose to concurrent scans that give the record a new image. */
const MAX_DELETE_ROUNDS = 3;

/**
 * Deletes the caller's record and its image; false when the caller has no such record. The image
 * goes first (if it cannot be removed the record stays, and deleting again finishes the job), and
 * only one in the caller's own folder. The record goes only if it still points at that image: a
 * concurrent scan may have given it a new one, which the next round removes.
 */
export async function deleteDriverLicense(
  deps: { repository: LicenseRepository; images: ImageSource },
  openid: string,
  id: string,
): Promise<boolean> {
  for (let round = 0; round < MAX_DELETE_ROUNDS; round++) {
    const stored = await deps.repository.get(openid, id);
    if (!stored) return round > 0; // gone since the last round: deleted all the same
    if (stored.fileID && isOwnedBy(stored.fileID, openid)) await deps.images.remove(stored.fileID);
    if (await deps.repository.delete(openid, stored)) return true;
  }
  throw new AppError('DATABASE_ERROR', `record ${id} kept changing while it was being deleted; try again`);
}
