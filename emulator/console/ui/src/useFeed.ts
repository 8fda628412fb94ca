import { useEffect, useState } from 'preact/hooks';
import type { CallView, ChangeKind, ConsoleEvent } from '../../consoleTypes';
import type { Api } from './api';

export interface Feed {
  /** Newest first. */
  calls: CallView[];
  /** Bumped when that kind of data changed: pages that show it load again. */
  versions: Record<ChangeKind, number>;
  connected: boolean;
}

const MAX_CALLS = 300;
const NO_CHANGES: Record<ChangeKind, number> = { database: 0, storage: 0, quota: 0, faults: 0, calls: 0 };

/** The call log, kept live by the emulator's server-sent events. */
export function useFeed(api: Api): Feed {
  const [calls, setCalls] = useState<CallView[]>([]);
  const [versions, setVersions] = useState(NO_CHANGES);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const source = new EventSource(api.url('events'));
    const reload = () =>
      api.calls().then(
        (list) => setCalls(list.reverse()),
        () => undefined,
      );
    // Whatever happened while the stream was down is read again on (re)connection.
    source.onopen = () => {
      setConnected(true);
      void reload();
    };
    source.onerror = () => setConnected(false);
    const on = (type: ConsoleEvent['type'], handle: (event: ConsoleEvent) => void) =>
      source.addEventListener(type, (message: MessageEvent<string>) => handle(JSON.parse(message.data)));
    on('call', (event) => {
      if (event.type !== 'call') return;
      setCalls((list) => {
        const rest = list.filter((c) => c.id !== event.call.id);
        return [event.call, ...rest].sort((a, b) => b.id - a.id).slice(0, MAX_CALLS);
      });
    });
    on('log', (event) => {
      if (event.type !== 'log') return;
      // By index: a line already in a reloaded list is not added twice.
      setCalls((list) =>
        list.map((c) => {
          if (c.id !== event.id) return c;
          const logs = [...c.logs];
          logs[event.index] = event.line;
          return { ...c, logs };
        }),
      );
    });
    on('changed', (event) => {
      if (event.type !== 'changed') return;
      if (event.what === 'calls') void reload();
      setVersions((v) => ({ ...v, [event.what]: v[event.what] + 1 }));
    });
    return () => source.close();
  }, [api]);

  return { calls, versions, connected };
}
