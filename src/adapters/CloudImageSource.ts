import { AppError } from '../errors';
import { IMAGE_GONE_MESSAGE, type ImageSource } from '../ports/ImageSource';

export interface SdkStorage {
  downloadFile(params: { fileID: string }): Promise<{ fileContent: Buffer }>;
  deleteFile(params: {
    fileList: string[];
  }): Promise<{ fileList: { fileID: string; status: number; errMsg?: string }[] }>;
}

const FILE_NOT_FOUND = /-503003|STORAGE_FILE_NONEXIST|not exist|NoSuchKey|404/i;

/** ImageSource over cloud storage reached through wx-server-sdk. */
export class CloudImageSource implements ImageSource {
  constructor(private readonly storage: SdkStorage) {}

  async download(fileID: string): Promise<Buffer> {
    try {
      const { fileContent } = await this.storage.downloadFile({ fileID });
      return Buffer.isBuffer(fileContent) ? fileContent : Buffer.from(fileContent);
    } catch (error) {
      const { errCode, errMsg, message } = (error ?? {}) as Record<string, unknown>;
      if (FILE_NOT_FOUND.test(`${errCode} ${errMsg} ${message}`)) {
        throw new AppError('NOT_FOUND', IMAGE_GONE_MESSAGE, {
          cause: error,
        });
      }
      throw new AppError('STORAGE_ERROR', 'the uploaded image could not be downloaded', { cause: error });
    }
  }

  async remove(fileID: string): Promise<void> {
    try {
      const { fileList } = await this.storage.deleteFile({ fileList: [fileID] });
      // A file already gone is what the caller wanted.
      const failed = fileList.find(
        (file) => file.status !== 0 && !FILE_NOT_FOUND.test(`${file.status} ${file.errMsg}`),
      );
      if (failed) throw new Error(`deleteFile status ${failed.status}: ${failed.errMsg ?? ''}`);
    } catch (error) {
      throw new AppError('STORAGE_ERROR', 'the stored image could not be deleted', { cause: error });
    }
  }
}
