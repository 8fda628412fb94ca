/**
 * `npx tsx emulator/bench/throughput.ts [--ops 1000]`: inserts/s and doc gets/s through the real
 * wx-server-sdk against an in-process emulator (fresh temp data dir), with 1 and 8 concurrent clients.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from '../startEmulator';

interface Database {
  createCollection(name: string): Promise<unknown>;
  collection(name: string): {
    add(options: { data: object }): Promise<{ _id: string }>;
    doc(id: string): { get(): Promise<unknown> };
  };
}

async function measure(
  ops: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < ops; i = next++) await op(i);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return ops / seconds;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { ops: { type: 'string', default: '1000' } } });
  const ops = Number(values.ops);
  const emulator = await startEmulator();
  try {
    Object.assign(process.env, emulator.sdkEnv({ openid: 'o-bench' }));
    const cloud = require('wx-server-sdk') as { init(o: object): void; database(): Database };
    cloud.init({ env: emulator.envId });
    const db = cloud.database();
    await db.createCollection('bench');
    const ids: string[] = [];
    const doc = (i: number) => ({
      _openid: 'o-bench',
      i,
      license: { idNum: `1101011990030${String(i).padStart(5, '0')}` },
    });

    console.log(
      `wx-server-sdk -> emulator ${emulator.url}, ${ops} operations per run, node ${process.version}`,
    );
    for (const concurrency of [1, 8]) {
      const inserts = await measure(ops, concurrency, async (i) => {
        ids.push((await db.collection('bench').add({ data: doc(i) }))._id);
      });
      const gets = await measure(ops, concurrency, (i) =>
        db
          .collection('bench')
          .doc(ids[i % ids.length]!)
          .get(),
      );
      console.log(
        `${concurrency} client(s): ${inserts.toFixed(0)} inserts/s, ${gets.toFixed(0)} doc gets/s (collection of ${ids.length})`,
      );
    }
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
