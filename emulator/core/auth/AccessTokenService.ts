import crypto from 'node:crypto';
import { WeChatApiError } from '../errors';
import { withRid } from '../ids';

export interface AccessTokenOptions {
  appid: string;
  secret: string;
  /** Token lifetime; WeChat's is 7200 s. Lower it in tests to exercise expiry. */
  ttlSeconds: number;
}

/** `GET /cgi-bin/token` and the check behind every `access_token=` of the HTTPS API. */
export class AccessTokenService {
  private readonly tokens = new Map<string, number>();

  constructor(private readonly options: AccessTokenOptions) {}

  /** The one app the tokens are issued to. */
  get appid(): string {
    return this.options.appid;
  }

  issue(query: URLSearchParams): { access_token: string; expires_in: number } {
    if (query.get('grant_type') !== 'client_credential') {
      throw new WeChatApiError(40002, withRid('invalid grant_type'));
    }
    const appid = query.get('appid');
    if (!appid) throw new WeChatApiError(41002, withRid('appid missing'));
    if (appid !== this.options.appid) throw new WeChatApiError(40013, withRid('invalid appid'));
    const secret = query.get('secret');
    if (!secret) throw new WeChatApiError(41004, withRid('appsecret missing'));
    if (secret !== this.options.secret) throw new WeChatApiError(40125, withRid('invalid appsecret'));
    const token = crypto.randomBytes(96).toString('base64url');
    this.tokens.set(token, Date.now() + this.options.ttlSeconds * 1000);
    return { access_token: token, expires_in: this.options.ttlSeconds };
  }

  /** Throws 41001 when absent and 40001 when unknown or expired (see docs/emulator.md on 42001). */
  verify(token: string | null): void {
    if (!token) throw new WeChatApiError(41001, withRid('access_token missing'));
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined || expiresAt <= Date.now()) {
      throw new WeChatApiError(40001, withRid('invalid credential, access_token is invalid or not latest'));
    }
  }

  clear(): void {
    this.tokens.clear();
  }
}
