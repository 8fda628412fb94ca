import type { SqliteStore } from '../../persistence/SqliteStore';

const API = 'ocr.driverLicense';

/** The daily OCR quota, counted per day in China time (WeChat resets at midnight, UTC+8), persisted. */
export class OcrQuota {
  constructor(
    private readonly store: SqliteStore,
    private calls: number,
  ) {}

  get perDay(): number {
    return this.calls;
  }

  /** Changes the daily quota from now on (the console's control); today's count stays. */
  setPerDay(calls: number): void {
    if (!Number.isInteger(calls) || calls < 0)
      throw new RangeError(`a daily quota must be a whole number >= 0, got ${calls}`);
    this.calls = calls;
  }

  /** Forgets today's count, as WeChat's midnight would. */
  resetToday(): void {
    this.store.quotaClear(chinaDay(), API);
  }

  usedToday(): number {
    return this.store.quotaUsed(chinaDay(), API);
  }

  left(): number {
    return Math.max(0, this.perDay - this.usedToday());
  }

  /** Spends one call if any is left; check and spend are one transaction, so concurrent calls never overdraw. */
  trySpend(): boolean {
    return this.store.transaction(() => {
      const day = chinaDay();
      if (this.store.quotaUsed(day, API) >= this.perDay) return false;
      this.store.quotaAdd(day, API);
      return true;
    });
  }

  snapshot(): { day: string; quota: number; used: number; left: number } {
    const used = this.usedToday();
    return { day: chinaDay(), quota: this.perDay, used, left: Math.max(0, this.perDay - used) };
  }
}

function chinaDay(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}
