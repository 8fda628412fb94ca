import type { OcrDriverLicenseResult } from '../api';
import type { FunctionConfig } from '../config';
import { parseOcrEvent } from '../domain/parseOcrEvent';
import type { CloudRuntime } from '../ports/CloudRuntime';
import { recognizeDriverLicense } from '../service/recognizeDriverLicense';
import { resultHandler } from './resultHandler';

/** ocrDriverLicense: validate, recognize, save; every outcome is a result, never a throw. */
export const handleOcrDriverLicense: (
  event: unknown,
  runtime: CloudRuntime,
  config: FunctionConfig,
) => Promise<OcrDriverLicenseResult> = resultHandler(async (event, runtime, config: FunctionConfig) => {
  const caller = runtime.caller();
  const parsed = parseOcrEvent(event, caller);
  if (!parsed.success) throw parsed.error;
  const deps = { ...runtime, retry: config.retry, attemptTimeoutMs: config.attemptTimeoutMs };
  return recognizeDriverLicense(deps, caller.openid, parsed.data);
});
