/** Renew this long before WeChat's stated expiry, so a token never dies mid-request. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * A token kept until shortly before it expires; concurrent callers share one fetch, and `refresh`
 * drops the kept one (WeChat refused it).
 */
export class CachedToken {
  private cached: { token: string; expiresAt: number } | undefined;
  private inflight: Promise<string> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<{ token: string; expiresInSeconds: number }>,
    private readonly now: () => number = Date.now,
  ) {}

  get(options: { refresh?: boolean } = {}): Promise<string> {
    if (options.refresh) this.cached = undefined;
    if (this.cached && this.cached.expiresAt > this.now()) return Promise.resolve(this.cached.token);
    this.inflight ??= this.renew().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async renew(): Promise<string> {
    const fetchedAt = this.now();
    const { token, expiresInSeconds } = await this.fetchToken();
    const ttlMs = expiresInSeconds * 1000;
    this.cached = { token, expiresAt: fetchedAt + Math.max(ttlMs - EXPIRY_MARGIN_MS, ttlMs / 2) };
    return token;
  }
}
