import { RetriesExhausted, type RetryRuntime, withRetry } from '../../../src/service/withRetry';

class Busy extends Error {}

/** A clock that only moves when the code under test sleeps. */
function fakeRuntime(random = 0.5): RetryRuntime & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    random: () => random,
  };
}

const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, budgetMs: 10_000 };
const retryable = (error: unknown) => error instanceof Busy;

function failing(times: number, error: () => Error = () => new Busy()) {
  let calls = 0;
  return async () => {
    calls++;
    if (calls <= times) throw error();
    return `ok after ${calls}`;
  };
}

describe('withRetry', () => {
  it.each([
    [0, 1],
    [1, 2],
    [4, 5],
  ])('succeeds after %i retryable failures in %i attempts', async (failures, attempts) => {
    const outcome = await withRetry(failing(failures), retryable, policy, fakeRuntime());
    expect(outcome).toEqual({ value: `ok after ${attempts}`, attempts });
  });

  it('throws RetriesExhausted with the last error once attempts run out', async () => {
    const runtime = fakeRuntime();
    const run = withRetry(failing(99), retryable, policy, runtime);
    await expect(run).rejects.toBeInstanceOf(RetriesExhausted);
    await expect(run).rejects.toMatchObject({ attempts: 5 });
    expect(runtime.slept).toHaveLength(4);
  });

  it('rethrows a non-retryable error at once', async () => {
    const runtime = fakeRuntime();
    const fatal = new Error('quota');
    await expect(
      withRetry(
        failing(1, () => fatal),
        retryable,
        policy,
        runtime,
      ),
    ).rejects.toBe(fatal);
    expect(runtime.slept).toEqual([]);
  });

  it('backs off exponentially with full jitter, capped at maxDelayMs', async () => {
    const runtime = fakeRuntime(0.999);
    await expect(withRetry(failing(99), retryable, { ...policy, maxAttempts: 7 }, runtime)).rejects.toThrow();
    expect(runtime.slept).toEqual([100, 200, 400, 799, 999, 999]);
  });

  it('stops before a wait would pass the time budget', async () => {
    const runtime = fakeRuntime(0.999);
    const run = withRetry(failing(99), retryable, { ...policy, maxAttempts: 50, budgetMs: 2500 }, runtime);
    await expect(run).rejects.toBeInstanceOf(RetriesExhausted);
    const total = runtime.slept.reduce((sum, ms) => sum + ms, 0);
    expect(total).toBeLessThan(2500);
  });

  it('tells each attempt how much of the budget is left', async () => {
    const runtime = fakeRuntime(1 / 2);
    const seen: number[] = [];
    let calls = 0;
    await withRetry(
      async (remaining) => {
        seen.push(remaining);
        if (++calls < 3) throw new Busy();
        return calls;
      },
      retryable,
      policy,
      runtime,
    );
    expect(seen).toEqual([10_000, 9_950, 9_850]);
  });
});
