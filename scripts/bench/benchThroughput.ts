/**
 * Emulator throughput through the real wx-server-sdk: the emulator in its own process (as
 * `npm run emulator` runs it), the SDK in this one with its keep-alive connections; inserts, and
 * queries shaped like the function's own (`where({ _openid, imageSha256 }).limit(1).get()`), with
 * 1 and with 8 clients in flight.
 */
import { sdkEnvFor } from '../../emulator/sdkEnv';
import type { Sdk } from './benchCloud';
import { spawnEmulator } from './spawnEmulator';
import { percentile, round } from './stats';

const REPEATS = 3;
/**
 * The emulator answers a query by scanning the collection (SQLite rows + mingo), so its rate
 * depends on the collection's size: queries run against one of fixed size.
 */
export const QUERY_COLLECTION_SIZE = 1000;

interface Collection {
  add(options: { data: object }): Promise<{ _id: string }>;
  where(query: object): { limit(n: number): { get(): Promise<{ data: unknown[] }> } };
}

export interface ThroughputFigures {
  clients: number;
  insertsPerSecond: number;
  queriesPerSecond: number;
  /** Operations per measurement; each figure is the median of `repeats` measurements. */
  ops: number;
  repeats: number;
  queryCollectionSize: number;
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

export async function benchThroughput(options: {
  ops: number;
  clients: readonly number[];
}): Promise<ThroughputFigures[]> {
  const server = await spawnEmulator();
  const saved = { ...process.env };
  try {
    // The SDK reads the gateway URL from the environment on every request.
    Object.assign(process.env, sdkEnvFor(server.url, server.envId, { openid: 'bench-admin' }));
    const sdk = require('wx-server-sdk') as Sdk;
    sdk.init({ env: server.envId }); // a no-op when this process already initialised it
    return await measureAll(sdk, options);
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    await server.stop();
  }
}

async function measureAll(
  sdk: Sdk,
  options: { ops: number; clients: readonly number[] },
): Promise<ThroughputFigures[]> {
  const db = sdk.database();
  const name = `bench_throughput_${Date.now()}`;
  await db.createCollection(name);
  await db.createCollection(`${name}_queries`);
  const collection = db.collection(name) as unknown as Collection;
  const queried = db.collection(`${name}_queries`) as unknown as Collection;
  const doc = (i: number) => ({
    _openid: `bench-user-${i % 50}`,
    imageSha256: `sha-${i}`,
    license: { idNum: `11010119900307${String(i % 10_000).padStart(4, '0')}`, name: '张三' },
    warnings: [],
  });
  let inserted = 0;
  await perSecond(QUERY_COLLECTION_SIZE, 8, (i) => queried.add({ data: doc(i) }));
  // A short warm-up so the first mode does not pay for connection setup and JIT alone.
  await perSecond(20, 1, () => collection.add({ data: doc(inserted++) }));
  // Modes interleave and repeat, and each figure is the median of its repeats: a busy machine
  // then slows every mode alike instead of whichever ran at the wrong moment.
  const rates = options.clients.map(() => ({ inserts: [] as number[], queries: [] as number[] }));
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (const [index, clients] of options.clients.entries()) {
      rates[index]!.inserts.push(
        await perSecond(options.ops, clients, () => collection.add({ data: doc(inserted++) })),
      );
      rates[index]!.queries.push(
        await perSecond(options.ops, clients, async (i) => {
          const { data } = await queried
            .where({ _openid: `bench-user-${i % 50}`, imageSha256: `sha-${i % QUERY_COLLECTION_SIZE}` })
            .limit(1)
            .get();
          return data;
        }),
      );
    }
  }
  const figures: ThroughputFigures[] = options.clients.map((clients, index) => ({
    clients,
    insertsPerSecond: percentile(rates[index]!.inserts, 50),
    queriesPerSecond: percentile(rates[index]!.queries, 50),
    ops: options.ops,
    repeats: REPEATS,
    queryCollectionSize: QUERY_COLLECTION_SIZE,
  }));
  return figures;
}
