import type { CloudRuntime } from '../adapters/cloudRuntime';
import type { DriverLicenseRecord, DriverLicensesResult } from '../api';
import { parseDriverLicensesEvent } from '../domain/parseDriverLicensesEvent';
import { AppError } from '../errors';
import type { StoredLicense } from '../ports/LicenseRepository';
import { toFailure } from './toFailure';

/** driverLicenses: the caller's own records, listed, read or deleted; nobody else's, whatever id is sent. */
export async function handleDriverLicenses(
  event: unknown,
  runtime: CloudRuntime,
): Promise<DriverLicensesResult> {
  try {
    const { openid, envId } = runtime.caller();
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
        const stored = await runtime.repository.get(openid, request.id);
        if (!stored) throw notFound(request.id);
        // The image first: if it cannot be removed the record stays, and deleting again finishes the job.
        if (stored.fileID && ownsFile(stored.fileID, envId)) await runtime.images.remove(stored.fileID);
        if (!(await runtime.repository.delete(openid, request.id))) throw notFound(request.id);
        runtime.log.info('license.deleted', { id: request.id });
        return { ok: true, action: 'delete', id: request.id, deleted: true };
      }
    }
  } catch (error) {
    return toFailure(error, runtime.log);
  }
}

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `no driving licence record ${id} for this user`);
}

function ownsFile(fileID: string, envId: string): boolean {
  return fileID.startsWith(envId ? `cloud://${envId}.` : 'cloud://');
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
