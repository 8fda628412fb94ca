export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No attempt starts, and no wait runs, past this many ms after the first attempt began. */
  budgetMs: number;
}

export interface RetryRuntime {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1); the jitter source, injectable so tests are deterministic. */
  random(): number;
}

export const systemRuntime: RetryRuntime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export interface RetryOutcome<T> {
  value: T;
  attempts: number;
}

/** Thrown when every allowed attempt failed with a retryable error; `cause` is the last one. */
export class RetriesExhausted extends Error {
  override readonly name = 'RetriesExhausted';
  constructor(
    readonly attempts: number,
    readonly elapsedMs: number,
    cause: unknown,
  ) {
    super(`gave up after ${attempts} attempts in ${elapsedMs} ms`, { cause });
  }
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error (rethrown as is), or the
 * attempts or the time budget run out (RetriesExhausted). Waits use exponential backoff with full
 * jitter, so callers that failed together do not retry together. `attempt` receives the ms left
 * in the budget so it can bound its own call.
 */
export async function withRetry<T>(
  attempt: (remainingMs: number) => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  policy: RetryPolicy,
  runtime: RetryRuntime = systemRuntime,
): Promise<RetryOutcome<T>> {
  const started = runtime.now();
  for (let n = 1; ; n++) {
    try {
      const value = await attempt(policy.budgetMs - (runtime.now() - started));
      return { value, attempts: n };
    } catch (error) {
      if (!isRetryable(error)) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
      const delay = Math.round(runtime.random() * ceiling);
      const elapsed = runtime.now() - started;
      if (n >= policy.maxAttempts || elapsed + delay >= policy.budgetMs) {
        throw new RetriesExhausted(n, elapsed, error);
      }
      await runtime.sleep(delay);
    }
  }
}
