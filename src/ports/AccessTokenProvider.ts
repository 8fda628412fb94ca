/**
 * Supplies the token WeChat's HTTPS API takes as `access_token`: a mini-program's own access_token,
 * or a third-party platform's authorizer_access_token for a mini-program that authorized it.
 * `refresh` asks for a new one after WeChat refused the current one.
 */
export interface AccessTokenProvider {
  token(options?: { refresh?: boolean }): Promise<string>;
}
