import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { InvocationObserver } from '../core/calls/CallLog';

/** Who calls: what the platform would authenticate and put in getWXContext(). */
export interface Identity {
  openid: string;
  appid?: string;
  unionid?: string;
}

export interface FunctionHostOptions {
  /** Folder holding one built `<name>/index.js` per function. */
  functionsDir: string;
  /** Environment variables pointing wx-server-sdk at the emulator for an identity. */
  sdkEnv(identity: Identity): Record<string, string>;
  /** Instances (workers) per function, each running one invocation at a time like the cloud. */
  maxInstances?: number;
  /** Extra environment for every instance (config.json `envVariables` are read by default). */
  env?: Record<string, string>;
  /**
   * Where the functions' console output goes, line by line, like the platform's log service.
   * Default: this process's stdout/stderr.
   */
  onLog?: (line: string, stream: 'stdout' | 'stderr', functionName: string) => void;
  /** Told of each invocation as it runs, with its log lines: the emulator's call log (`emulator.calls`). */
  invocations?: { started(name: string, identity: Identity): InvocationObserver };
}

/** Thrown when a function throws, crashes or times out: what `callFunction` would reject with. */
export class InvocationError extends Error {
  override readonly name = 'InvocationError';
  constructor(
    readonly functionName: string,
    readonly reason: 'threw' | 'timeout' | 'crashed',
    message: string,
  ) {
    super(`${functionName}: ${message}`);
  }
}

// Plain JavaScript so the worker needs no TypeScript loader: it loads the BUILT bundle as the cloud does.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fn = require(workerData.bundle);
const CONTEXT_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_API_TOKEN'];
parentPort.on('message', async ({ id, event, context }) => {
  for (const key of CONTEXT_KEYS) delete process.env[key];
  Object.assign(process.env, context);
  try {
    const result = await fn.main(event, {});
    parentPort.postMessage({ id, ok: true, json: JSON.stringify(result === undefined ? null : result) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: String(error && (error.errMsg || error.message) || error) });
  }
});
`;

interface Instance {
  worker: Worker;
  busy: boolean;
  /** The invocation running, or the last one: log lines that arrive late still belong to it. */
  observer?: InvocationObserver | undefined;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Runs built cloud functions locally the way the platform does: each instance a separate
 * worker with its own environment, one invocation at a time, `userInfo` injected into the event,
 * identity passed only through the environment wx-server-sdk reads, and the function's
 * config.json timeout enforced.
 */
export class FunctionHost {
  private readonly instances = new Map<string, Instance[]>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: FunctionHostOptions) {}

  async invoke(name: string, event: Record<string, unknown>, identity: Identity): Promise<unknown> {
    if (this.closed) throw new Error('FunctionHost is closed');
    const instance = await this.acquire(name);
    const appid = identity.appid ?? 'wx0000000000000000';
    const context: Record<string, string> = { WX_OPENID: identity.openid, WX_APPID: appid };
    if (identity.unionid) context.WX_UNIONID = identity.unionid;
    const payload = { ...event, userInfo: { appId: appid, openId: identity.openid } };
    const observer = this.options.invocations?.started(name, identity);
    instance.observer = observer;
    // As on the platform: each invocation's own token, which its gateway calls carry.
    if (observer) context.WX_API_TOKEN = observer.apiToken;
    try {
      const result = await this.run(name, instance, payload, context);
      observer?.ended({ ok: true, result });
      return result;
    } catch (error) {
      const failure = error instanceof InvocationError ? error : undefined;
      observer?.ended({
        ok: false,
        reason: failure?.reason ?? 'crashed',
        message: error instanceof Error ? error.message : String(error),
      });
      throw error;
    } finally {
      instance.busy = false;
      this.waiting.get(name)?.shift()?.();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.instances.values()].flat();
    this.instances.clear();
    await Promise.all(all.map((instance) => instance.worker.terminate()));
  }

  private run(
    name: string,
    instance: Instance,
    event: unknown,
    context: Record<string, string>,
  ): Promise<unknown> {
    const id = this.nextId++;
    const timeoutMs = functionConfig(this.options.functionsDir, name).timeoutMs;
    return new Promise((resolve, reject) => {
      const pending: Pending = { resolve, reject };
      const onMessage = (message: { id: number; ok: boolean; json?: string; message?: string }) => {
        if (message.id !== id) return;
        cleanup();
        if (message.ok) pending.resolve(JSON.parse(message.json ?? 'null'));
        else pending.reject(new InvocationError(name, 'threw', message.message ?? 'function threw'));
      };
      const onError = (error: Error) => {
        cleanup();
        this.discard(name, instance);
        pending.reject(new InvocationError(name, 'crashed', error.message));
      };
      const timer = setTimeout(() => {
        cleanup();
        // Like the platform: the instance that timed out is killed, its work abandoned.
        this.discard(name, instance);
        void instance.worker.terminate();
        pending.reject(
          new InvocationError(name, 'timeout', `Task timed out after ${timeoutMs / 1000} seconds`),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        instance.worker.off('message', onMessage);
        instance.worker.off('error', onError);
      };
      instance.worker.on('message', onMessage);
      instance.worker.on('error', onError);
      instance.worker.postMessage({ id, event, context });
    });
  }

  private async acquire(name: string): Promise<Instance> {
    for (;;) {
      const pool = this.instances.get(name) ?? [];
      this.instances.set(name, pool);
      const idle = pool.find((instance) => !instance.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (pool.length < (this.options.maxInstances ?? 8)) {
        const instance = this.spawn(name);
        pool.push(instance);
        return instance;
      }
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(name) ?? [];
        queue.push(resolve);
        this.waiting.set(name, queue);
      });
    }
  }

  private spawn(name: string): Instance {
    const bundle = path.join(this.options.functionsDir, name, 'index.js');
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build`);
    const env = {
      ...process.env,
      ...functionConfig(this.options.functionsDir, name).envVariables,
      ...this.options.env,
      ...this.options.sdkEnv({ openid: '' }),
    };
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      env,
      workerData: { bundle },
      stdout: true,
      stderr: true,
    });
    worker.unref();
    const instance: Instance = { worker, busy: true };
    const onLog = this.options.onLog;
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = worker[stream];
      if (!onLog && !this.options.invocations) {
        source.pipe(process[stream]);
        continue;
      }
      const emit = (line: string) => {
        if (onLog) onLog(line, stream, name);
        else process[stream].write(`${line}\n`);
        instance.observer?.log(line);
      };
      let rest = '';
      source.setEncoding('utf8');
      source.on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) emit(line);
      });
      source.on('end', () => rest && emit(rest));
    }
    return instance;
  }

  private discard(name: string, instance: Instance): void {
    const pool = this.instances.get(name) ?? [];
    this.instances.set(
      name,
      pool.filter((candidate) => candidate !== instance),
    );
    this.waiting.get(name)?.shift()?.();
  }
}

interface FunctionConfigJson {
  timeout?: number;
  envVariables?: Record<string, string>;
}

function functionConfig(
  functionsDir: string,
  name: string,
): { timeoutMs: number; envVariables: Record<string, string> } {
  const file = path.join(functionsDir, name, 'config.json');
  const json: FunctionConfigJson = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  // The platform's default timeout is 3 s.
  return { timeoutMs: (json.timeout ?? 3) * 1000, envVariables: json.envVariables ?? {} };
}
