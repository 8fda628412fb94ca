import type { Logger } from '../log';
import type { ImageSource } from './ImageSource';
import type { LicenseRepository } from './LicenseRepository';
import type { OcrClient } from './OcrClient';
import type { UsageLimiter } from './UsageLimiter';

export interface Caller {
  openid: string;
  /** The environment the function runs in; '' when the platform does not say. */
  envId: string;
}

/** Everything a handler needs from the platform, built once per warm instance; adapters fill it in. */
export interface CloudRuntime {
  log: Logger;
  /** The authenticated caller, from getWXContext(); never from the event. */
  caller(): Caller;
  repository: LicenseRepository;
  images: ImageSource;
  ocr: OcrClient;
  limiter: UsageLimiter;
}
