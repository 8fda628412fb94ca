import { TcbError } from '../../core/errors';
import { type GatewayService, OPENAPI_ACTION } from '../../core/GatewayService';
import { randomHex } from '../../core/ids';
import { type BodyRefusals, readBody, readMultipart } from '../readBody';
import { mediaTypeOf } from '../requestGuard';
import { jsonReply, type Route } from '../types';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** No SDK sends these: answered with a 4xx, which an SDK would show as "400 Bad Request". */
const refusals: BodyRefusals = {
  tooLarge: () => new TcbError('EXCEED_REQUEST_SIZE_LIMIT', 'request body exceeds 20 MB', 413),
  malformed: (why) => new TcbError('INVALID_PARAM', `malformed request body: ${why}`, 400),
};

/**
 * `POST /admin?env=…&seqId=…`: JSON bodies for database and storage actions, multipart for
 * wx.openApi only (the protobuf `requestData` arrives as a plain binary field).
 */
export function gatewayRoute(gateway: GatewayService): Route {
  return {
    methods: ['POST'],
    matches: (pathname) => pathname === '/admin',
    flavor: 'gateway',
    bodyTypes: ['application/json', 'multipart/form-data'],
    async handle({ req, url }) {
      let params: Record<string, unknown>;
      if (mediaTypeOf(req) === 'multipart/form-data') {
        params = {};
        for (const [name, part] of await readMultipart(req, MAX_BODY_BYTES, refusals)) {
          params[name] = name === 'requestData' ? part.bytes : part.bytes.toString('utf8');
        }
        // Database and storage calls are JSON from every SDK: a form must not reach them.
        if (params.action !== OPENAPI_ACTION) {
          throw refusals.malformed(`a multipart body carries only ${OPENAPI_ACTION}`);
        }
      } else {
        params = parseJsonObject(await readBody(req, MAX_BODY_BYTES, refusals));
      }
      const result = await gateway.dispatch(params, url.searchParams.get('env'));
      if (result.kind === 'binary') {
        // Not JSON: the SDK parses a reply as a gateway error only when its type is exactly JSON.
        return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: result.bytes };
      }
      return jsonReply({ requestId: randomHex(8), data: result.data });
    },
  };
}

function parseJsonObject(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw refusals.malformed('not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw refusals.malformed('not a JSON object');
  }
  return parsed as Record<string, unknown>;
}
