import type { RetryPolicy } from './service/withRetry';

/** Function settings from environment variables (config.json `envVariables` in the cloud). */
export interface FunctionConfig {
  dailyLimitPerUser: number;
  retry: RetryPolicy;
  attemptTimeoutMs: number;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): FunctionConfig {
  return {
    dailyLimitPerUser: intFrom(env, 'OCR_DAILY_LIMIT_PER_USER', 20, 0, 100_000),
    // Inside the 20 s function timeout that config.json sets, with room left to save the result.
    retry: {
      maxAttempts: intFrom(env, 'OCR_MAX_ATTEMPTS', 12, 1, 50),
      baseDelayMs: intFrom(env, 'OCR_RETRY_BASE_MS', 100, 0, 10_000),
      maxDelayMs: intFrom(env, 'OCR_RETRY_MAX_MS', 1_000, 0, 30_000),
      budgetMs: intFrom(env, 'OCR_BUDGET_MS', 14_000, 100, 60_000),
    },
    attemptTimeoutMs: intFrom(env, 'OCR_ATTEMPT_TIMEOUT_MS', 10_000, 100, 60_000),
  };
}
