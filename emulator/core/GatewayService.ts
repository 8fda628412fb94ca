import type { DatabaseService } from './database/DatabaseService';
import { TcbError } from './errors';
import type { FaultRegistry } from './faults/FaultRegistry';
import type { OpenApiService } from './openapi/OpenApiService';
import type { Sleeper } from './Sleeper';
import type { RequestStats } from './stats/RequestStats';
import type { StorageService } from './storage/StorageService';

export const OPENAPI_ACTION = 'wx.openApi';

/** What the gateway answers: a JSON `{ requestId, data }` or, for wx.openApi, protobuf bytes. */
export type GatewayResult =
  | { kind: 'json'; data: Record<string, unknown> }
  | { kind: 'binary'; bytes: Buffer };

export interface GatewayDeps {
  envId: string;
  database: DatabaseService;
  storage: StorageService;
  openApi: OpenApiService;
  faults: FaultRegistry;
  sleeper: Sleeper;
  stats: RequestStats;
}

/**
 * `POST /admin`: the CloudBase gateway every wx-server-sdk call goes through. Dispatches on
 * `action`, counts requests and applies injected faults (open APIs apply theirs in their service,
 * so the HTTPS API shares them).
 */
export class GatewayService {
  constructor(private readonly deps: GatewayDeps) {}

  async dispatch(params: Record<string, unknown>, queryEnv: string | null): Promise<GatewayResult> {
    const action = params.action;
    if (typeof action !== 'string' || action === '')
      throw new TcbError('INVALID_ACTION', 'action is required');
    const env = typeof params.envName === 'string' && params.envName !== '' ? params.envName : queryEnv;
    if (env && env !== this.deps.envId) {
      throw new TcbError(
        'INVALID_ENV',
        `env ${env} not exists (the local emulator serves ${this.deps.envId})`,
      );
    }

    if (action === OPENAPI_ACTION) {
      const apiName = typeof params.apiName === 'string' ? params.apiName : '';
      this.deps.stats.count(`${OPENAPI_ACTION}:${apiName}`);
      const requestData = Buffer.isBuffer(params.requestData) ? params.requestData : undefined;
      const apiToken = typeof params.wxCloudApiToken === 'string' ? params.wxCloudApiToken : undefined;
      return { kind: 'binary', bytes: await this.deps.openApi.call(apiName, requestData, apiToken) };
    }

    this.deps.stats.count(action);
    const { database, storage } = this.deps;
    if (!database.isAction(action) && !storage.isAction(action)) {
      throw new TcbError('INVALID_ACTION', `action ${action} is not emulated`);
    }
    const decision = this.deps.faults.decide(action);
    await this.deps.sleeper.sleep(decision.delayMs);
    if (decision.fail) {
      throw new TcbError(
        decision.fail.error ?? 'SYS_ERR',
        decision.fail.message ?? `injected fault on ${action}`,
      );
    }
    const data = database.isAction(action) ? database.handle(action, params) : storage.handle(action, params);
    return { kind: 'json', data };
  }
}
