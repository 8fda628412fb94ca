/** A per-caller daily budget of upstream OCR calls, so one user cannot spend everyone's quota. */
export interface UsageLimiter {
  /** Reserves one call for today; false when the caller's budget is spent. */
  tryReserve(openid: string): Promise<boolean>;
}
