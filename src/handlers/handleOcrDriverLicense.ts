import type { CloudRuntime } from '../adapters/cloudRuntime';
import type { OcrDriverLicenseResult } from '../api';
import { parseOcrEvent } from '../domain/parseOcrEvent';
import { recognizeDriverLicense } from '../service/recognizeDriverLicense';
import type { FunctionConfig } from './config';
import { toFailure } from './toFailure';

/** ocrDriverLicense: validate, recognize, save; every outcome is a result, never a throw. */
export async function handleOcrDriverLicense(
  event: unknown,
  runtime: CloudRuntime,
  config: FunctionConfig,
): Promise<OcrDriverLicenseResult> {
  try {
    const caller = runtime.caller();
    const parsed = parseOcrEvent(event, caller);
    if (!parsed.success) throw parsed.error;
    const deps = { ...runtime, retry: config.retry, attemptTimeoutMs: config.attemptTimeoutMs };
    return await recognizeDriverLicense(deps, caller.openid, parsed.data);
  } catch (error) {
    return toFailure(error, runtime.log);
  }
}
