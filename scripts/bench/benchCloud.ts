/**
 * The local cloud the benchmark runs against: one emulator (local OCR engine by default, quota
 * raised so a long run never hits it) and wx-server-sdk in this process as an administrator, to
 * stage images and to drive the handlers in-process.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WeChatDriverLicenseFields } from '../../emulator/openapi/DriverLicenseRecognizer';
import { type Emulator, startEmulator } from '../../emulator/startEmulator';
import { newUploadPath } from '../../src/domain/uploadPath';
import { ROOT } from '../build';

export type Sdk = typeof import('wx-server-sdk');

export interface BenchCloud {
  emulator: Emulator;
  sdk: Sdk;
  upload(bytes: Buffer, cloudPath: string): Promise<string>;
  /** Uploads a fresh copy of `bytes` into `openid`'s upload folder (files are owned by path); returns its fileID. */
  stage(bytes: Buffer, openid: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBenchCloud(): Promise<BenchCloud> {
  const emulator = await startEmulator({ ocrQuota: 1_000_000 });
  Object.assign(process.env, emulator.sdkEnv({ openid: 'bench-admin' }));
  const sdk = require('wx-server-sdk') as Sdk;
  sdk.init({ env: emulator.envId });
  const upload = async (bytes: Buffer, cloudPath: string) => {
    const { fileID } = await sdk.uploadFile({ cloudPath, fileContent: bytes });
    return fileID;
  };
  return {
    emulator,
    sdk,
    upload,
    stage: (bytes, openid) => upload(bytes, newUploadPath(openid, 'jpg')),
    close: () => emulator.close(),
  };
}

export interface LicenseFixture {
  name: string;
  bytes: Buffer;
  /** What WeChat would answer for it (snake_case), from the fixture's truth file. */
  fields: WeChatDriverLicenseFields;
}

export const FIXTURES_DIR = path.join(ROOT, 'test', 'fixtures', 'licenses');

export function readFixture(name: string): LicenseFixture {
  const truth = JSON.parse(readFileSync(path.join(FIXTURES_DIR, `${name}.json`), 'utf8')) as {
    fields: WeChatDriverLicenseFields;
  };
  return { name, bytes: readFileSync(path.join(FIXTURES_DIR, `${name}.jpg`)), fields: truth.fields };
}

/** The fixture the invocation and overhead figures use: a typical phone photo under 2 MB. */
export const DEFAULT_FIXTURE = '01-new-beijing-easy';
