/** Cloud storage as the OCR function sees it. */
export interface ImageSource {
  /** The file's bytes; throws AppError NOT_FOUND / STORAGE_ERROR. */
  download(fileID: string): Promise<Buffer>;
  /** Best effort removal of a file the caller uploaded. */
  remove(fileID: string): Promise<void>;
}
