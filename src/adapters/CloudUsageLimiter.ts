import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import type { UsageLimiter } from '../ports/UsageLimiter';
import { isCollectionMissing, isDuplicateKey, type SdkDatabase } from './sdkDatabase';

export const USAGE = 'driver_license_ocr_usage';

/** WeChat's daily quota resets at midnight Beijing time (UTC+8); so does ours. */
export function beijingDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A per-caller daily counter in the database. Reserving is a conditional increment
 * (`count < limit`), so concurrent scans of one caller cannot overshoot the limit.
 */
export class CloudUsageLimiter implements UsageLimiter {
  constructor(
    private readonly db: SdkDatabase,
    private readonly dailyLimit: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  tryReserve(openid: string): Promise<boolean> {
    return this.reserve(openid, true);
  }

  private async reserve(openid: string, mayCreateCollection: boolean): Promise<boolean> {
    const day = beijingDay(this.now());
    const id = createHash('sha256').update(`${openid}\n${day}`).digest('hex').slice(0, 32);
    const _ = this.db.command;
    const increment = async () => {
      const { stats } = await this.db
        .collection(USAGE)
        .where({ _id: id, _openid: openid, count: _.lt(this.dailyLimit) })
        .update({ data: { count: _.inc(1) } });
      return stats.updated > 0;
    };
    try {
      if (await increment()) return true;
      if (this.dailyLimit < 1) return false;
      try {
        await this.db.collection(USAGE).add({ data: { _id: id, _openid: openid, day, count: 1 } });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return increment(); // the counter exists: it was at the limit or just created
        throw error;
      }
    } catch (error) {
      // A fresh environment has no collections: create it once, then try again.
      if (mayCreateCollection && isCollectionMissing(error)) {
        await this.db.createCollection(USAGE).catch(() => undefined);
        return this.reserve(openid, false);
      }
      throw new AppError('DATABASE_ERROR', `usage counter in ${USAGE} could not be updated`, {
        cause: error,
      });
    }
  }
}
