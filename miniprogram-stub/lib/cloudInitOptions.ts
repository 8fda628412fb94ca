import { PLACEHOLDER_ENV_ID } from '../config';

/** What app.ts passes to wx.cloud.init: the configured env, or the default env while unconfigured. */
export function cloudInitOptions(envId: string): { env?: string; traceUser: boolean } {
  const id = envId.trim();
  if (id === '' || id === PLACEHOLDER_ENV_ID) return { traceUser: true };
  return { env: id, traceUser: true };
}
