export interface SdkIdentity {
  openid?: string;
  appid?: string;
  unionid?: string;
}

/** Fixed credentials: wx-server-sdk refuses to run without some, and the emulator never checks them. */
export const LOCAL_SECRET_ID = 'local-emulator-secret-id';
export const LOCAL_SECRET_KEY = 'local-emulator-secret-key';

/**
 * The environment variables that point an unmodified wx-server-sdk 4.0.2 at the emulator:
 * - TCB_CONTEXT_CNFG `{"URL": ".../admin"}`: the gateway URL (read on every request).
 * - TENCENTCLOUD_SECRETID/SECRETKEY: any value; without them every call rejects.
 * - TENCENTCLOUD=true: "inside Tencent Cloud", so the SDK does not probe a metadata host first.
 * - SCF_NAMESPACE and TCB_ENV: the env id behind DYNAMIC_CURRENT_ENV and getWXContext().ENV.
 * - WX_CONTEXT_KEYS + WX_OPENID/WX_APPID/WX_UNIONID: what getWXContext() returns. WX_API_TOKEN is
 *   listed as on the platform: FunctionHost sets one per invocation, the SDK sends it with each
 *   gateway call (wxCloudApiToken), which tells the emulator who calls; getWXContext() hides it.
 */
export function sdkEnvFor(
  baseUrl: string,
  envId: string,
  identity: SdkIdentity = {},
): Record<string, string> {
  const env: Record<string, string> = {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${baseUrl}/admin` }),
    TENCENTCLOUD_SECRETID: LOCAL_SECRET_ID,
    TENCENTCLOUD_SECRETKEY: LOCAL_SECRET_KEY,
    TENCENTCLOUD: 'true',
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_API_TOKEN',
    WX_OPENID: identity.openid ?? 'o-local-openid',
    WX_APPID: identity.appid ?? 'wx-local-appid',
  };
  if (identity.unionid !== undefined) env.WX_UNIONID = identity.unionid;
  return env;
}
