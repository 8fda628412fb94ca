import * as cloud from 'wx-server-sdk';
import { createCloudRuntime } from '../../src/adapters/createCloudRuntime';
import { readConfig } from '../../src/config';
import { handleOcrDriverLicense } from '../../src/handlers/handleOcrDriverLicense';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
const config = readConfig();
const runtime = createCloudRuntime(cloud, config, 'ocrDriverLicense');

export const main = (event: unknown) => handleOcrDriverLicense(event, runtime, config);
