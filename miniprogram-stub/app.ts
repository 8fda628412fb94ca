import { CLOUD_ENV_ID } from './config';
import { cloudInitOptions } from './lib/cloudInitOptions';

App({
  onLaunch() {
    if (!wx.cloud) {
      console.error('wx.cloud is missing: use base library 2.2.3 or later with cloud development enabled');
      return;
    }
    const options = cloudInitOptions(CLOUD_ENV_ID);
    if (options.env === undefined) {
      console.warn('CLOUD_ENV_ID in miniprogram-stub/config.ts is not set: using the default cloud env');
    }
    wx.cloud.init(options);
  },
});
