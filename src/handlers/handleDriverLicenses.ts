import type { DriverLicenseRecord, DriverLicensesResult } from '../api';
import { parseDriverLicensesEvent } from '../domain/parseDriverLicensesEvent';
import { newUploadPath } from '../domain/uploadPath';
import { AppError } from '../errors';
import type { CloudRuntime } from '../ports/CloudRuntime';
import type { StoredLicense } from '../ports/LicenseRepository';
import { deleteDriverLicense } from '../service/deleteDriverLicense';
import { resultHandler } from './resultHandler';

/**
 * driverLicenses: the caller's own records, listed, read or deleted (nobody else's, whatever id is
 * sent), and where the caller may upload a photo.
 */
export const handleDriverLicenses: (event: unknown, runtime: CloudRuntime) => Promise<DriverLicensesResult> =
  resultHandler(async (event, runtime): Promise<DriverLicensesResult> => {
    const { openid } = runtime.caller();
    const parsed = parseDriverLicensesEvent(event);
    if (!parsed.success) throw parsed.error;
    const request = parsed.data;
    switch (request.action) {
      case 'list': {
        const { limit, offset } = request;
        const { records, total } = await runtime.repository.list(openid, { limit, offset });
        return { ok: true, action: 'list', records: records.map(toRecord), total, limit, offset };
      }
      case 'get': {
        const stored = await runtime.repository.get(openid, request.id);
        if (!stored) throw notFound(request.id);
        return { ok: true, action: 'get', record: toRecord(stored) };
      }
      case 'delete': {
        if (!(await deleteDriverLicense(runtime, openid, request.id))) throw notFound(request.id);
        runtime.log.info('license.deleted', { id: request.id });
        return { ok: true, action: 'delete', id: request.id, deleted: true };
      }
      case 'uploadPath':
        return { ok: true, action: 'uploadPath', cloudPath: newUploadPath(openid, request.extension) };
    }
  });

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `no driving licence record ${id} for this user`);
}

function toRecord(stored: StoredLicense): DriverLicenseRecord {
  return {
    id: stored.id,
    license: stored.license,
    warnings: stored.warnings,
    fileID: stored.fileID,
    createdAt: stored.createdAt.toISOString(),
    updatedAt: stored.updatedAt.toISOString(),
  };
}
