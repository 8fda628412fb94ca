import { FunctionHost } from '../../../emulator/functions/FunctionHost';
import type { DriverLicenseRecognizer } from '../../../emulator/openapi/DriverLicenseRecognizer';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../../emulator/startEmulator';
import { buildIfStale, FUNCTIONS_DIR } from '../../../scripts/build';
import type { DriverLicensesResult } from '../../../src/api';

type Sdk = typeof import('wx-server-sdk');

export interface LocalCloud {
  emulator: Emulator;
  host: FunctionHost;
  /** wx-server-sdk in the test process, as an administrator: to stage files and inspect the database. */
  sdk: Sdk;
  invoke<T>(name: string, event: Record<string, unknown>, openid: string): Promise<T>;
  /** Uploads as `openid` would: asks the built driverLicenses for an upload path, then uploads there. */
  upload(bytes: Buffer, openid: string): Promise<string>;
  /** Uploads to exactly `cloudPath` (another user's folder, an old path), as an administrator. */
  uploadTo(bytes: Buffer, cloudPath: string): Promise<string>;
  /** Registers an emulator fault (`POST /__emulator/faults`), e.g. `{ api, errcode, times }`. */
  fault(spec: Record<string, unknown>): Promise<void>;
  /** WeChat OCR quota spent today, as the emulator counts it. */
  ocrSpent(): Promise<number>;
  /** Every line the functions printed, for assertions on what reaches the logs. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The built bundles, the real wx-server-sdk and the emulator, wired only by environment variables:
 * what `npm run ocr` and production run, minus the network.
 */
/** What the mini-program does before an upload: ask driverLicenses where, as the caller. */
export async function uploadPathFor(host: FunctionHost, openid: string): Promise<string> {
  const answer = (await host.invoke(
    'driverLicenses',
    { action: 'uploadPath' },
    { openid },
  )) as DriverLicensesResult;
  if (!answer.ok || answer.action !== 'uploadPath')
    throw new Error(`uploadPath failed: ${JSON.stringify(answer)}`);
  return answer.cloudPath;
}

export async function startLocalCloud(
  options: {
    recognizer?: DriverLicenseRecognizer;
    emulator?: EmulatorOptions;
    env?: Record<string, string>;
  } = {},
): Promise<LocalCloud> {
  await buildIfStale();
  const emulator = await startEmulator({
    ...options.emulator,
    ...(options.recognizer ? { recognizer: options.recognizer } : {}),
  });
  const logs: string[] = [];
  const host = new FunctionHost({
    functionsDir: FUNCTIONS_DIR,
    onLog: (line) => logs.push(line),
    sdkEnv: (identity) => emulator.sdkEnv(identity),
    invocations: emulator.calls,
    ...(options.env ? { env: options.env } : {}),
  });
  Object.assign(process.env, emulator.sdkEnv({ openid: 'test-admin' }));
  const sdk: Sdk = require('wx-server-sdk');
  sdk.init({ env: emulator.envId });
  const uploadTo = async (bytes: Buffer, cloudPath: string) => {
    const { fileID } = await sdk.uploadFile({ cloudPath, fileContent: bytes });
    return fileID;
  };
  return {
    emulator,
    host,
    sdk,
    logs,
    invoke: <T>(name: string, event: Record<string, unknown>, openid: string) =>
      host.invoke(name, event, { openid }) as Promise<T>,
    async upload(bytes, openid) {
      return uploadTo(bytes, await uploadPathFor(host, openid));
    },
    uploadTo,
    async fault(spec) {
      const response = await fetch(`${emulator.url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(spec),
      });
      if (!response.ok) throw new Error(`fault ${JSON.stringify(spec)} refused: ${await response.text()}`);
    },
    async ocrSpent() {
      const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as {
        ocr: { used: number };
      };
      return stats.ocr.used;
    },
    async close() {
      await host.close();
      await emulator.close();
    },
  };
}
