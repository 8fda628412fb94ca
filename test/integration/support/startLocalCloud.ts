import { FunctionHost } from '../../../emulator/functions/FunctionHost';
import type { DriverLicenseRecognizer } from '../../../emulator/openapi/DriverLicenseRecognizer';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../../emulator/startEmulator';
import { buildIfStale, FUNCTIONS_DIR } from '../../../scripts/build';

type Sdk = typeof import('wx-server-sdk');

export interface LocalCloud {
  emulator: Emulator;
  host: FunctionHost;
  /** wx-server-sdk in the test process, as an administrator: to stage files and inspect the database. */
  sdk: Sdk;
  invoke<T>(name: string, event: Record<string, unknown>, openid: string): Promise<T>;
  upload(bytes: Buffer, cloudPath?: string): Promise<string>;
  /** Registers an emulator fault (`POST /__emulator/faults`), e.g. `{ api, errcode, times }`. */
  fault(spec: Record<string, unknown>): Promise<void>;
  /** WeChat OCR quota spent today, as the emulator counts it. */
  ocrSpent(): Promise<number>;
  /** Every line the functions printed, for assertions on what reaches the logs. */
  logs: string[];
  close(): Promise<void>;
}

let uploads = 0;

/**
 * The built bundles, the real wx-server-sdk and the emulator, wired only by environment variables:
 * what `npm run ocr` and production run, minus the network.
 */
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
    ...(options.env ? { env: options.env } : {}),
  });
  Object.assign(process.env, emulator.sdkEnv({ openid: 'test-admin' }));
  const sdk: Sdk = require('wx-server-sdk');
  sdk.init({ env: emulator.envId });
  return {
    emulator,
    host,
    sdk,
    logs,
    invoke: <T>(name: string, event: Record<string, unknown>, openid: string) =>
      host.invoke(name, event, { openid }) as Promise<T>,
    async upload(bytes, cloudPath = `driver-licenses/test-${Date.now()}-${uploads++}.jpg`) {
      const { fileID } = await sdk.uploadFile({ cloudPath, fileContent: bytes });
      return fileID;
    },
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
