/**
 * Emulator throughput through the real wx-server-sdk (this process, keep-alive connections, the
 * emulator in the same process): inserts, and queries shaped like the function's own
 * (`where({ _openid, imageSha256 }).limit(1).get()`), with 1 and with 8 clients in flight.
 */
import type { BenchCloud } from './benchCloud';
import { round } from './stats';

interface Collection {
  add(options: { data: object }): Promise<{ _id: string }>;
  where(query: object): { limit(n: number): { get(): Promise<{ data: unknown[] }> } };
}

export interface ThroughputFigures {
  clients: number;
  insertsPerSecond: number;
  queriesPerSecond: number;
  ops: number;
}

async function perSecond(ops: number, clients: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < ops; i = next++) await op(i);
    }),
  );
  return round(ops / ((performance.now() - started) / 1000), 0);
}

export async function benchThroughput(
  cloud: BenchCloud,
  options: { ops: number; clients: readonly number[] },
): Promise<ThroughputFigures[]> {
  const db = cloud.sdk.database();
  const name = `bench_throughput_${Date.now()}`;
  await db.createCollection(name);
  const collection = db.collection(name) as unknown as Collection;
  const doc = (i: number) => ({
    _openid: `bench-user-${i % 50}`,
    imageSha256: `sha-${i}`,
    license: { idNum: `11010119900307${String(i % 10_000).padStart(4, '0')}`, name: '张三' },
    warnings: [],
  });
  let inserted = 0;
  // A short warm-up so the first mode does not pay for connection setup and JIT alone.
  await perSecond(20, 1, () => collection.add({ data: doc(inserted++) }));
  const figures: ThroughputFigures[] = [];
  for (const clients of options.clients) {
    const insertsPerSecond = await perSecond(options.ops, clients, () =>
      collection.add({ data: doc(inserted++) }),
    );
    const queriesPerSecond = await perSecond(options.ops, clients, async (i) => {
      const { data } = await collection
        .where({ _openid: `bench-user-${i % 50}`, imageSha256: `sha-${i % inserted}` })
        .limit(1)
        .get();
      return data;
    });
    figures.push({ clients, insertsPerSecond, queriesPerSecond, ops: options.ops });
  }
  return figures;
}
