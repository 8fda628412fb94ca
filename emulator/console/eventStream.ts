import type { Reply } from '../http/types';
import type { ConsoleFeed } from './ConsoleFeed';

/** A comment now and then keeps the connection from looking idle to anything between. */
const HEARTBEAT_MS = 15_000;

/**
 * `GET api/events`: server-sent events, one per call, log line or change, named by the event's
 * `type`, its JSON as data. Open until the page goes or the emulator closes.
 */
export function eventStream(feed: ConsoleFeed): Reply {
  return {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    stream(res) {
      // Ask for a quick retry when the emulator restarts; the first bytes also flush the headers.
      res.write('retry: 2000\n\n');
      const unsubscribe = feed.subscribe((event) => {
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      res.on('close', () => {
        unsubscribe();
        clearInterval(heartbeat);
      });
    },
  };
}
