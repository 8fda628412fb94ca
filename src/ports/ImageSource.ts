/** What a caller is told when an image is missing, or is someone else's: the two read the same. */
export const IMAGE_GONE_MESSAGE = 'the uploaded image no longer exists: upload it again';

/** Cloud storage as the OCR function sees it. */
export interface ImageSource {
  /** The file's bytes; throws AppError NOT_FOUND / STORAGE_ERROR. */
  download(fileID: string): Promise<Buffer>;
  /** Best effort removal of a file the caller uploaded. */
  remove(fileID: string): Promise<void>;
}
