/** Shapes of the identifiers the deploy scripts accept, checked before anything runs. */
export const ENV_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const APPID = /^wx[0-9a-f]{16}$/;
