/**
 * The one place for deployment settings of the mini-program.
 *
 * CLOUD_ENV_ID: the id of your cloud development environment (云开发 → 设置 → 环境 ID, looks like
 * `prod-1a2b3c`). Replace the placeholder below. While it is left as the placeholder,
 * `wx.cloud.init` is called without `env`, so the project's default environment is used.
 */
export const CLOUD_ENV_ID = 'your-env-id';

export const PLACEHOLDER_ENV_ID = 'your-env-id';
