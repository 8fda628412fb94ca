import type {
  DriverLicenseRecognizer,
  RecognizeOutcome,
} from '../../../../emulator/openapi/DriverLicenseRecognizer';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../../../emulator/startEmulator';
import type { Cloud } from './SdkFacade';
import { sdkUnderTest } from './sdkUnderTest';

export interface EmulatorWithSdk {
  emulator: Emulator;
  cloud: Cloud;
}

/**
 * Starts an emulator and points the real wx-server-sdk of this test file (the major under test,
 * see sdkUnderTest) at it through environment variables only, as a cloud function would see them.
 */
export async function startEmulatorWithSdk(options: EmulatorOptions = {}): Promise<EmulatorWithSdk> {
  const emulator = await startEmulator(options);
  Object.assign(process.env, emulator.sdkEnv({ openid: 'o-test-admin' }));
  const cloud = require(sdkUnderTest().package) as Cloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  return { emulator, cloud };
}

export const LICENSE_FIELDS = {
  id_num: '110101199003071234',
  name: '张三',
  sex: '男',
  nationality: '中国',
  address: '北京市东城区某街道1号',
  birth_date: '1990-03-07',
  issue_date: '2015-06-01',
  car_class: 'C1',
  valid_from: '2015-06-01',
  valid_to: '2021-06-01',
  official_seal: '北京市公安局公安交通管理局',
};

/** A recognizer under the test's control that records the bytes it was given. */
export class ScriptedRecognizer implements DriverLicenseRecognizer {
  readonly calls: Buffer[] = [];
  outcome: RecognizeOutcome = { errcode: 0, fields: LICENSE_FIELDS };

  async recognize(image: Buffer): Promise<RecognizeOutcome> {
    this.calls.push(image);
    return this.outcome;
  }
}

/** Bytes that start like a JPEG (the emulator sniffs magic bytes; the scripted engine reads nothing). */
export function fakeJpeg(size = 1024): Buffer {
  const bytes = Buffer.alloc(size, 0x11);
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return bytes;
}

export async function postJson(url: string, body: unknown, method = 'POST'): Promise<Response> {
  return fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

export interface EmulatorStats {
  ocr: { day: string; quota: number; used: number; left: number };
  requests: Record<string, number>;
}

export async function statsOf(emulator: Emulator): Promise<EmulatorStats> {
  return (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as EmulatorStats;
}

/** The SDK rejects with `errCode` on its errors; this returns the rejection for asserting. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<{ errCode?: number; errMsg?: string; code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { errCode?: number; errMsg?: string; code?: string; message: string };
  }
  throw new Error('expected the call to reject, but it resolved');
}
