import type * as WxServerSdk from 'wx-server-sdk';
import type { FunctionConfig } from '../config';
import { AppError } from '../errors';
import { createLogger } from '../log';
import type { CloudRuntime } from '../ports/CloudRuntime';
import { CloudImageSource, type SdkStorage } from './CloudImageSource';
import { CloudLicenseRepository } from './CloudLicenseRepository';
import { CloudOcrClient, type DriverLicenseCall } from './CloudOcrClient';
import { CloudUsageLimiter } from './CloudUsageLimiter';
import type { SdkDatabase } from './sdkDatabase';

type Cloud = typeof WxServerSdk;

/** The ports over wx-server-sdk: database, storage, the openapi cloud call and getWXContext(). */
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
