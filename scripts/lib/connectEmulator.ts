import { type SdkIdentity, sdkEnvFor } from '../../emulator/sdkEnv';

/** A running emulator (`npm run emulator`), reached by URL: what a script needs to point the SDK at it. */
export async function connectEmulator(
  url: string,
): Promise<{ envId: string; sdkEnv(identity?: SdkIdentity): Record<string, string> }> {
  const base = url.replace(/\/+$/, '');
  let health: { ok?: boolean; envId?: string };
  try {
    health = (await (await fetch(`${base}/__emulator/health`)).json()) as typeof health;
  } catch (error) {
    throw new Error(`no emulator answers at ${base}/__emulator/health: start one with npm run emulator`, {
      cause: error,
    });
  }
  if (!health.ok || !health.envId) throw new Error(`${base} is not a wx-driver-license-ocr emulator`);
  const envId = health.envId;
  return { envId, sdkEnv: (identity) => sdkEnvFor(base, envId, identity) };
}
