import type * as WxServerSdk from 'wx-server-sdk';
import { AppError } from '../errors';
import type { FunctionConfig } from '../handlers/config';
import { createLogger, type Logger } from '../log';
import { CloudImageSource, type SdkStorage } from './CloudImageSource';
import { CloudLicenseRepository } from './CloudLicenseRepository';
import { CloudOcrClient, type DriverLicenseCall } from './CloudOcrClient';
import { CloudUsageLimiter } from './CloudUsageLimiter';
import type { SdkDatabase } from './sdkDatabase';

type Cloud = typeof WxServerSdk;

export interface Caller {
  openid: string;
  /** The environment the function runs in; '' when the platform does not say. */
  envId: string;
}

/** Everything a handler needs from the platform, built once per warm instance. */
export interface CloudRuntime {
  log: Logger;
  /** The authenticated caller, from getWXContext(); never from the event. */
  caller(): Caller;
  repository: CloudLicenseRepository;
  images: CloudImageSource;
  ocr: CloudOcrClient;
  limiter: CloudUsageLimiter;
}

export function createCloudRuntime(cloud: Cloud, config: FunctionConfig, scope: string): CloudRuntime {
  const db = cloud.database() as unknown as SdkDatabase;
  const openapi = cloud.openapi as { ocr: { driverLicense: DriverLicenseCall } };
  return {
    log: createLogger(scope),
    caller() {
      const context = cloud.getWXContext();
      const openid = context.OPENID ?? '';
      if (!openid) {
        throw new AppError('UNAUTHENTICATED', 'no caller identity: call this function from a mini-program');
      }
      return { openid, envId: context.ENV ?? '' };
    },
    repository: new CloudLicenseRepository(db),
    images: new CloudImageSource(cloud as unknown as SdkStorage),
    ocr: new CloudOcrClient((params) => openapi.ocr.driverLicense(params)),
    limiter: new CloudUsageLimiter(db, config.dailyLimitPerUser),
  };
}
