import vm from 'node:vm';

/** Thrown when `runWithin` stopped the work at its deadline. */
export class OutOfTime extends Error {
  override readonly name = 'OutOfTime';
}

// One context for every call: creating one costs far more than running in it.
const context = vm.createContext({ work: undefined as (() => unknown) | undefined });

/**
 * Runs synchronous `work` and stops it after `ms` (throwing OutOfTime), even inside a regular
 * expression that backtracks for hours: V8 interrupts a script past its vm timeout wherever it is.
 * The emulator serves every request on one thread, so this is what keeps one query from stalling
 * all the others. `work` must not be inside a SQLite transaction's own bookkeeping when stopped:
 * callers wrap pure computation only, and let the error roll their transaction back.
 */
export function runWithin<T>(ms: number, work: () => T): T {
  context.work = work;
  try {
    return vm.runInContext('work()', context, { timeout: Math.max(1, Math.ceil(ms)) }) as T;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new OutOfTime(`stopped after ${Math.ceil(ms)} ms`);
    }
    throw error;
  } finally {
    context.work = undefined;
  }
}
