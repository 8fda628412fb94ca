import type { DriverLicensesEvent } from '../../src/api';
import { type RecordRow, recordRow } from './licenseRows';
import type { ProblemCode } from './messages';
import { parseDriverLicensesResult } from './parseResults';

/** wx.cloud.callFunction('driverLicenses'): resolves its `result`, unchecked. */
export type CallDriverLicenses = (event: DriverLicensesEvent) => Promise<unknown>;

export type ListOutcome =
  | { ok: true; rows: RecordRow[]; total: number }
  | { ok: false; problem: ProblemCode };

export type DeleteOutcome = { ok: true; id: string } | { ok: false; problem: ProblemCode };

export const PAGE_SIZE = 50;

export async function listRecords(call: CallDriverLicenses, offset = 0): Promise<ListOutcome> {
  let raw: unknown;
  try {
    raw = await call({ action: 'list', limit: PAGE_SIZE, offset });
  } catch {
    return { ok: false, problem: 'NETWORK' };
  }
  const result = parseDriverLicensesResult(raw);
  if (result === null || (result.ok && result.action !== 'list'))
    return { ok: false, problem: 'BAD_RESPONSE' };
  if (!result.ok) return { ok: false, problem: result.code };
  return { ok: true, rows: result.records.map(recordRow), total: result.total };
}

export async function deleteRecord(call: CallDriverLicenses, id: string): Promise<DeleteOutcome> {
  let raw: unknown;
  try {
    raw = await call({ action: 'delete', id });
  } catch {
    return { ok: false, problem: 'NETWORK' };
  }
  const result = parseDriverLicensesResult(raw);
  if (result === null || (result.ok && result.action !== 'delete')) {
    return { ok: false, problem: 'BAD_RESPONSE' };
  }
  if (!result.ok) return { ok: false, problem: result.code };
  return { ok: true, id: result.id };
}
