import * as cloud from 'wx-server-sdk';
import { createCloudRuntime } from '../../src/adapters/createCloudRuntime';
import { readConfig } from '../../src/config';
import { handleDriverLicenses } from '../../src/handlers/handleDriverLicenses';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
const runtime = createCloudRuntime(cloud, readConfig(), 'driverLicenses');

export const main = (event: unknown) => handleDriverLicenses(event, runtime);
