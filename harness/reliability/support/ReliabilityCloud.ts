import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FunctionHost } from '../../../emulator/functions/FunctionHost';
import { sdkEnvFor } from '../../../emulator/sdkEnv';
import { type Emulator, startEmulator } from '../../../emulator/startEmulator';
import { buildIfStale, FUNCTIONS_DIR, ROOT } from '../../../scripts/build';
import type { DriverLicensesResult, Failure } from '../../../src/api';
import { ownerPrefix } from '../../../src/domain/uploadPath';
import type { OutputCapture } from './OutputCapture';
import { StampRecognizer } from './StampRecognizer';

type Sdk = typeof import('wx-server-sdk');
export type FunctionName = 'ocrDriverLicense' | 'driverLicenses';

export interface Invocation<T> {
  /** What the function returned; undefined when the invocation itself failed (threw, timed out, crashed). */
  result?: T;
  /** The host's InvocationError message, when the function did not return. */
  error?: string;
  elapsedMs: number;
}

export interface CloudOptions {
  capture: OutputCapture;
  /** 'child': the emulator CLI in its own process (RSS measurable, killable); default in-process. */
  mode?: 'inProcess' | 'child';
  /** Extra function environment (OCR_DAILY_LIMIT_PER_USER, OCR_BUDGET_MS...). */
  env?: Record<string, string>;
  maxInstances?: number;
  ocrQuota?: number;
  /** Apply database/indexes/*.json as production setup would (default true). */
  productionIndexes?: boolean;
}

export interface EmulatorStats {
  /** Quota spent today: OCR calls that reached the engine. */
  ocrUsed: number;
  /** ocr.driverLicense calls that reached the gateway, failed or not (attempts). */
  ocrCalls: number;
}

const STAMP_RECOGNIZER = path.join(__dirname, 'StampRecognizer.ts');
const ENV_ID = 'local-dev';

/**
 * The built bundles in a FunctionHost, the real wx-server-sdk, and the emulator (in this process or
 * as `emulator/cli.ts` in a child), wired only by environment variables. The emulator recognizes the
 * licence stamped into each photo, so results are exact without the OCR engine's cost.
 */
export class ReliabilityCloud {
  private host!: FunctionHost;
  private emulator: Emulator | undefined;
  private child: ChildProcess | undefined;
  private childExited: Promise<void> | undefined;
  private dataDir = '';
  private ownsDataDir = false;
  private port = 0;
  url = '';
  readonly sdk: Sdk = require('wx-server-sdk');

  private constructor(private readonly options: CloudOptions) {}

  static async start(options: CloudOptions): Promise<ReliabilityCloud> {
    await buildIfStale();
    const cloud = new ReliabilityCloud(options);
    await cloud.startEmulator();
    cloud.host = new FunctionHost({
      functionsDir: FUNCTIONS_DIR,
      maxInstances: options.maxInstances ?? 8,
      onLog: (line) => options.capture.add('function', line),
      // Read at each instance's start: a restarted emulator keeps its port, so warm instances follow.
      sdkEnv: (identity) => sdkEnvFor(cloud.url, ENV_ID, identity),
      ...(options.env ? { env: options.env } : {}),
    });
    return cloud;
  }

  get mode(): 'inProcess' | 'child' {
    return this.options.mode ?? 'inProcess';
  }

  get childPid(): number | undefined {
    return this.child?.pid;
  }

  /** True while the child emulator runs (it has neither exited nor been killed). */
  childAlive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async invoke<T>(name: FunctionName, event: unknown, openid: string): Promise<Invocation<T>> {
    const started = performance.now();
    try {
      // The host spreads the event into an object, as the platform delivers JSON objects.
      const result = (await this.host.invoke(name, event as Record<string, unknown>, { openid })) as T;
      const failure = result as Partial<Failure>;
      if (failure && failure.ok === false) this.options.capture.add('caller', JSON.stringify(result));
      return { result, elapsedMs: performance.now() - started };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.capture.add('caller', message);
      return { error: message, elapsedMs: performance.now() - started };
    }
  }

  /**
   * Uploads as `openid` would: asks the built driverLicenses for an upload path in its folder and
   * uploads there; with `name`, to that name in its folder instead.
   */
  async upload(bytes: Buffer, openid: string, name?: string): Promise<string> {
    let cloudPath = `${ownerPrefix(openid)}${name}`;
    if (name === undefined) {
      const answer = await this.invoke<DriverLicensesResult>(
        'driverLicenses',
        { action: 'uploadPath' },
        openid,
      );
      if (!answer.result?.ok || answer.result.action !== 'uploadPath') {
        throw new Error(`uploadPath failed: ${JSON.stringify(answer)}`);
      }
      cloudPath = answer.result.cloudPath;
    }
    this.pointAdminSdk();
    const { fileID } = await this.sdk.uploadFile({ cloudPath, fileContent: bytes });
    return fileID;
  }

  async download(fileID: string): Promise<Buffer> {
    this.pointAdminSdk();
    return (await this.sdk.downloadFile({ fileID })).fileContent as Buffer;
  }

  async fileExists(fileID: string): Promise<boolean> {
    this.pointAdminSdk();
    const { fileList } = (await this.sdk.getTempFileURL({ fileList: [fileID] })) as {
      fileList: { status: number }[];
    };
    return fileList[0]?.status === 0;
  }

  async deleteFile(fileID: string): Promise<void> {
    this.pointAdminSdk();
    await this.sdk.deleteFile({ fileList: [fileID] });
  }

  /** Every document of a collection (paged by 100, the per-get limit); [] when it does not exist. */
  async documents(collection = 'driver_licenses'): Promise<Record<string, unknown>[]> {
    this.pointAdminSdk();
    const db = this.sdk.database();
    try {
      const { total } = (await db.collection(collection).count()) as { total: number };
      const docs: Record<string, unknown>[] = [];
      for (let offset = 0; offset < total; offset += 100) {
        const { data } = (await db.collection(collection).skip(offset).limit(100).get()) as {
          data: Record<string, unknown>[];
        };
        docs.push(...data);
      }
      return docs;
    } catch (error) {
      if (/COLLECTION_NOT_EXIST|-502005/.test(String((error as { errCode?: unknown }).errCode ?? error)))
        return [];
      throw error;
    }
  }

  async stats(): Promise<EmulatorStats> {
    const body = (await (await fetch(`${this.url}/__emulator/stats`)).json()) as {
      ocr: { used: number };
      requests: Record<string, number>;
    };
    return { ocrUsed: body.ocr.used, ocrCalls: body.requests['wx.openApi:ocr.driverLicense'] ?? 0 };
  }

  async fault(spec: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${this.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(spec),
    });
    if (!response.ok) throw new Error(`fault refused: ${response.status} ${await response.text()}`);
  }

  async clearFaults(): Promise<void> {
    await fetch(`${this.url}/__emulator/faults`, { method: 'DELETE' });
  }

  /** Empties the emulator (database, storage, faults, quota, stats) and re-applies the indexes. */
  async reset(): Promise<void> {
    const response = await fetch(`${this.url}/__emulator/reset`, { method: 'POST' });
    if (!response.ok) throw new Error(`reset failed: ${response.status}`);
    await this.applyIndexes();
  }

  /** The child emulator's resident memory now (VmRSS) and at its peak (VmHWM), in MB. */
  childMemoryMb(): { rss: number; peak: number } | undefined {
    if (!this.child?.pid) return undefined;
    try {
      const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
    } catch {
      return undefined; // not Linux, or the process is gone
    }
  }

  /** SIGKILL the child emulator: no shutdown code runs, as in a crash. */
  async kill(): Promise<void> {
    if (!this.child) throw new Error('kill() needs mode "child"');
    this.child.kill('SIGKILL');
    await this.childExited;
    this.child = undefined;
  }

  /** Starts the emulator again on the same port and data directory. */
  async restart(): Promise<void> {
    if (this.child) throw new Error('the emulator is still running');
    await this.startChild();
  }

  async close(): Promise<void> {
    await this.host?.close();
    if (this.emulator) await this.emulator.close();
    if (this.child) {
      this.child.kill('SIGTERM');
      await this.childExited;
    }
    if (this.ownsDataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async startEmulator(): Promise<void> {
    if (this.mode === 'inProcess') {
      this.emulator = await startEmulator({
        envId: ENV_ID,
        recognizer: new StampRecognizer(),
        ocrQuota: this.options.ocrQuota ?? 100_000,
      });
      this.url = this.emulator.url;
    } else {
      this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-emulator-'));
      this.ownsDataDir = true;
      this.port = await freePort();
      await this.startChild();
    }
    await this.applyIndexes();
  }

  private async startChild(): Promise<void> {
    const args = [
      '--import',
      'tsx',
      path.join(ROOT, 'emulator', 'cli.ts'),
      '--port',
      String(this.port),
      '--data',
      this.dataDir,
      '--env',
      ENV_ID,
      '--ocr-quota',
      String(this.options.ocrQuota ?? 100_000),
      '--recognizer',
      STAMP_RECOGNIZER,
    ];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.childExited = new Promise((resolve) => child.once('exit', () => resolve()));
    const capture = this.options.capture;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        capture.add('emulator', text);
        if (stream === 'stdout' && this.url === '') output += text;
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output + text);
        if (match?.[1]) {
          this.url = match[1];
          resolve();
        }
      };
      child.stdout?.on('data', onData('stdout'));
      child.stderr?.on('data', onData('stderr'));
      void this.childExited?.then(() =>
        reject(new Error(`emulator CLI exited before listening:\n${output}`)),
      );
    });
  }

  private async applyIndexes(): Promise<void> {
    if (this.options.productionIndexes === false) return;
    const dir = path.join(ROOT, 'database', 'indexes');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const collection = path.basename(file, '.json');
      const indexes = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
        IndexName: string;
        MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: { Name: string }[] };
      }[];
      // The emulator enforces unique indexes only; the others only speed queries up in the cloud.
      for (const index of indexes.filter((i) => i.MgoKeySchema.MgoIsUnique)) {
        const response = await fetch(`${this.url}/__emulator/indexes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            collection,
            name: index.IndexName,
            fields: index.MgoKeySchema.MgoIndexKeys.map((key) => key.Name),
            unique: true,
          }),
        });
        if (!response.ok)
          throw new Error(`index ${index.IndexName}: ${response.status} ${await response.text()}`);
      }
    }
  }

  /** The test process's SDK acts as an administrator; it reads its target from the environment on every call. */
  private pointAdminSdk(): void {
    Object.assign(process.env, sdkEnvFor(this.url, ENV_ID, { openid: 'reliability-admin' }), {
      SILENCE: 'true',
    });
    this.sdk.init({ env: ENV_ID });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
