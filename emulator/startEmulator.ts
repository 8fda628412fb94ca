import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ConsoleFeed } from './console/ConsoleFeed';
import { ConsoleApi } from './console/consoleApi';
import { CONSOLE_PATH, consoleRoute } from './console/consoleRoute';
import { AccessTokenService, type ComponentOptions } from './core/auth/AccessTokenService';
import { CallLog } from './core/calls/CallLog';
import { DatabaseService } from './core/database/DatabaseService';
import { FaultRegistry } from './core/faults/FaultRegistry';
import { GatewayService } from './core/GatewayService';
import { lazyLocalRecognizer } from './core/openapi/loadDefaultRecognizer';
import { OcrQuota } from './core/openapi/OcrQuota';
import { OcrService } from './core/openapi/OcrService';
import { OpenApiService } from './core/openapi/OpenApiService';
import { Sleeper } from './core/Sleeper';
import { RequestStats } from './core/stats/RequestStats';
import { StorageService } from './core/storage/StorageService';
import { createHttpServer } from './http/createHttpServer';
import { isLoopbackHostname } from './http/requestGuard';
import { adminRoutes } from './http/routes/adminRoutes';
import { gatewayRoute } from './http/routes/gatewayRoute';
import { tempUrlRoute, uploadRoute } from './http/routes/storageRoutes';
import { componentTokenRoutes, drivingLicenseRoute, tokenRoute } from './http/routes/wechatRoutes';
import type { DriverLicenseRecognizer } from './openapi/DriverLicenseRecognizer';
import { SqliteStore } from './persistence/SqliteStore';
import { type SdkIdentity, sdkEnvFor } from './sdkEnv';

export interface EmulatorOptions {
  /** 0 = random free port (default 0 in-process; the CLI defaults to 9123). */
  port?: number;
  /** Default '127.0.0.1'; must be a loopback address (requests must name loopback anyway). */
  host?: string;
  /** SQLite + stored files live here; default: a fresh temp dir removed on close. */
  dataDir?: string;
  /** Default 'local-dev'. */
  envId?: string;
  /** Daily ocr.driverLicense quota, default 100; answers 101003 when spent. */
  ocrQuota?: number;
  /** Default: the local OCR engine (emulator/ocr/), loaded at the first OCR call. */
  recognizer?: DriverLicenseRecognizer;
  /** For the HTTPS API's /cgi-bin/token. */
  appid?: string;
  secret?: string;
  /** access_token lifetime in seconds (WeChat: 7200); lower it to test expiry. */
  tokenTtlSeconds?: number;
  /** The third-party platform whose component and authorizer tokens the HTTPS API takes (DEFAULT_COMPONENT). */
  component?: ComponentOptions;
  /** Let ocr img_url fetch non-loopback hosts (off: the emulator stays on 127.0.0.1). */
  allowNonLoopbackImageUrls?: boolean;
  /** Extra CA certificates (PEM) trusted for https img_url fetches, e.g. a test server's self-signed one. */
  imageUrlCa?: string;
  /** The longest an img_url fetch may take, first byte to last (default 10 000 ms). */
  imageUrlTimeoutMs?: number;
  /** Query and update evaluation per database request (default 500 ms); past it: DATABASE_REQUEST_FAILED. */
  queryTimeLimitMs?: number;
}

export interface Emulator {
  readonly url: string;
  readonly envId: string;
  readonly dataDir: string;
  /** The web console, with this start's token (state-changing calls need it): print it, do not log it. */
  readonly consoleUrl: string;
  /** Recent function invocations and OCR calls, for the console: give it to FunctionHost as `invocations`. */
  readonly calls: CallLog;
  /** Environment variables that point wx-server-sdk at this emulator, for a caller identity. */
  sdkEnv(identity?: SdkIdentity): Record<string, string>;
  setRecognizer(recognizer: DriverLicenseRecognizer): void;
  /** Loads the OCR engine now rather than at the first call (which would then count its load time). */
  warmup(): Promise<void>;
  /** Empties database (indexes too), storage, faults, quota counters, access tokens, stats and the call log. */
  reset(): Promise<void>;
  /** Closes the server, every socket (keep-alive too), pending delays and the database. */
  close(): Promise<void>;
}

export const DEFAULT_APPID = 'wx0000000000local';
export const DEFAULT_SECRET = 'local-emulator-appsecret';
/** A third-party platform that the default mini-program (DEFAULT_APPID) has authorized. */
export const DEFAULT_COMPONENT: ComponentOptions = {
  appid: 'wx00000000000c0a9e',
  secret: 'local-component-appsecret',
  verifyTicket: 'ticket@@@local-component-verify-ticket',
  authorizers: { [DEFAULT_APPID]: 'refreshtoken@@@local-authorizer-refresh-token' },
};

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const envId = options.envId ?? 'local-dev';
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHostname(host)) {
    throw new Error(`host ${host} is not a loopback address: the emulator only serves this machine`);
  }
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wxcloud-emulator-'));
  let baseUrl = '';

  const store = new SqliteStore(dataDir);
  const faults = new FaultRegistry();
  const sleeper = new Sleeper();
  const stats = new RequestStats();
  const quota = new OcrQuota(store, options.ocrQuota ?? 100);
  const calls = new CallLog({ quotaLeft: () => quota.left() });
  const loadLocal = lazyLocalRecognizer();
  let recognizer: DriverLicenseRecognizer | undefined = options.recognizer;
  const ocr = new OcrService({
    faults,
    sleeper,
    quota,
    recognizer: () => (recognizer ? Promise.resolve(recognizer) : loadLocal.get()),
    calls,
    allowNonLoopbackImageUrls: options.allowNonLoopbackImageUrls ?? false,
    ...(options.imageUrlCa ? { imageUrlCa: options.imageUrlCa } : {}),
    ...(options.imageUrlTimeoutMs ? { imageUrlTimeoutMs: options.imageUrlTimeoutMs } : {}),
  });
  const database = new DatabaseService(store, options.queryTimeLimitMs);
  const storage = new StorageService(store, { envId, dataDir, baseUrl: () => baseUrl });
  const tokens = new AccessTokenService({
    appid: options.appid ?? DEFAULT_APPID,
    secret: options.secret ?? DEFAULT_SECRET,
    ttlSeconds: options.tokenTtlSeconds ?? 7200,
    component: options.component ?? DEFAULT_COMPONENT,
  });
  const gateway = new GatewayService({
    envId,
    database,
    storage,
    openApi: new OpenApiService(ocr),
    faults,
    sleeper,
    stats,
  });

  const reset = async () => {
    store.clearData();
    storage.clear();
    faults.clear();
    tokens.clear();
    stats.reset();
    calls.clear();
  };
  const consoleToken = randomBytes(16).toString('hex');
  const feed = new ConsoleFeed(calls, (listener) => store.onChange(listener));
  const consoleApi = new ConsoleApi({ envId, database, storage, quota, faults, calls, feed, reset });

  const server = createHttpServer([
    gatewayRoute(gateway),
    consoleRoute(consoleApi, consoleToken), // before adminRoutes, which takes all of /__emulator/
    adminRoutes({
      health: () => ({ ok: true, envId, url: baseUrl }),
      reset,
      addFault: (spec) => faults.add(spec),
      listFaults: () => faults.list(),
      clearFaults: () => faults.clear(),
      stats: () => ({ ocr: quota.snapshot(), requests: stats.snapshot() }),
      createIndex: (spec) => database.createIndex(spec),
      listIndexes: () => database.listIndexes(),
    }),
    uploadRoute(storage, stats),
    tempUrlRoute(storage),
    tokenRoute(tokens, stats),
    componentTokenRoutes(tokens, stats),
    drivingLicenseRoute(tokens, ocr, stats),
  ]);
  // The SDK keeps connections alive for about 5 s; do not let idle ones pin the server open longer.
  server.keepAliveTimeout = 5000;

  try {
    await listen(server, options.port ?? 0, host);
  } catch (error) {
    store.close();
    if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    envId,
    dataDir,
    // The token rides in the fragment: browsers never send it, so no request line or log holds it.
    consoleUrl: `${baseUrl}${CONSOLE_PATH}#token=${consoleToken}`,
    calls,
    sdkEnv: (identity) => sdkEnvFor(baseUrl, envId, identity),
    setRecognizer: (next) => {
      recognizer = next;
    },
    warmup: async () => {
      await (await (recognizer ? Promise.resolve(recognizer) : loadLocal.get())).warmup?.();
    },
    reset,
    close: () => {
      closing ??= (async () => {
        sleeper.cancelAll();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await loadLocal.dispose();
        store.close();
        if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
