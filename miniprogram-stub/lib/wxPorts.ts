import type { DriverLicensesEvent, OcrDriverLicenseEvent } from '../../src/api';
import type { CallDriverLicenses } from './recordsFlow';
import type { ImageSource, ScanPort } from './scanFlow';

/**
 * The only code that touches `wx`: each port method is one platform call, so pages and flows stay
 * testable and tests fake `wx` at exactly this boundary.
 */
export const OCR_FUNCTION = 'ocrDriverLicense';
export const RECORDS_FUNCTION = 'driverLicenses';

function errMsgOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'errMsg' in error) return String(error.errMsg);
  return error instanceof Error ? error.message : String(error);
}

export function isCancel(error: unknown): boolean {
  return /cancel/i.test(errMsgOf(error));
}

export function wxScanPort(api: WechatMiniprogram.Wx): ScanPort {
  return {
    async chooseImage(source: ImageSource) {
      try {
        const res = await api.chooseMedia({
          count: 1,
          mediaType: ['image'],
          sourceType: [source],
          sizeType: ['compressed'],
          camera: 'back',
        });
        const file = res.tempFiles[0];
        if (!file) return null;
        return { path: file.tempFilePath, size: file.size };
      } catch (error) {
        if (isCancel(error)) return null;
        throw error;
      }
    },
    async compress(src, quality) {
      const res = await api.compressImage({ src, quality });
      return res.tempFilePath;
    },
    sizeOf(filePath) {
      // FileSystemManager methods take callbacks only.
      return new Promise<number>((resolve, reject) => {
        api.getFileSystemManager().getFileInfo({
          filePath,
          success: (res) => resolve(res.size),
          fail: (err) => reject(new Error(`getFileInfo failed: ${err.errMsg}`)),
        });
      });
    },
    async uploadPath(extension) {
      const data: DriverLicensesEvent = { action: 'uploadPath', extension };
      const res = await api.cloud.callFunction({ name: RECORDS_FUNCTION, data });
      return res.result;
    },
    async upload(cloudPath, filePath) {
      const res = await api.cloud.uploadFile({ cloudPath, filePath });
      return res.fileID;
    },
    async recognize(fileID) {
      const data: OcrDriverLicenseEvent = { fileID };
      const res = await api.cloud.callFunction({ name: OCR_FUNCTION, data });
      return res.result;
    },
  };
}

export function wxDriverLicenses(api: WechatMiniprogram.Wx): CallDriverLicenses {
  return async (event: DriverLicensesEvent) => {
    const res = await api.cloud.callFunction({ name: RECORDS_FUNCTION, data: event });
    return res.result;
  };
}
