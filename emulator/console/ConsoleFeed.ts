import type { CallLog } from '../core/calls/CallLog';
import type { CallEvent } from '../core/calls/callTypes';
import type { StoreChange } from '../persistence/SqliteStore';
import type { ChangeKind, ConsoleEvent } from './consoleTypes';

/** A burst of writes (a scan makes a dozen) is told once. */
const CHANGE_DELAY_MS = 100;

/**
 * What the console's open pages hear: every call and log line as it happens, and that data
 * changed (database, storage, quota, faults), coalesced, so pages fetch again.
 */
export class ConsoleFeed {
  private readonly listeners = new Set<(event: ConsoleEvent) => void>();
  private readonly pending = new Map<ChangeKind, NodeJS.Timeout>();

  constructor(calls: CallLog, onStoreChange: (listener: (change: StoreChange) => void) => () => void) {
    calls.subscribe((event: CallEvent) => this.publish(event));
    onStoreChange((change) => this.changed(change));
  }

  subscribe(listener: (event: ConsoleEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(what: ChangeKind): void {
    if (this.listeners.size === 0 || this.pending.has(what)) return;
    const timer = setTimeout(() => {
      this.pending.delete(what);
      this.publish({ type: 'changed', what });
    }, CHANGE_DELAY_MS);
    timer.unref();
    this.pending.set(what, timer);
  }

  private publish(event: ConsoleEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
