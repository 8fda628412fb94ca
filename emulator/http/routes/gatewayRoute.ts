import { TcbError } from '../../core/errors';
import type { GatewayService } from '../../core/GatewayService';
import { randomHex } from '../../core/ids';
import { readBody, readMultipart } from '../readBody';
import { jsonReply, type Route } from '../types';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * `POST /admin?env=…&seqId=…`: JSON bodies for database and storage actions, multipart for
 * wx.openApi (the protobuf `requestData` arrives as a plain binary field).
 */
export function gatewayRoute(gateway: GatewayService): Route {
  return {
    methods: ['POST'],
    matches: (pathname) => pathname === '/admin',
    flavor: 'gateway',
    async handle({ req, url }) {
      const contentType = req.headers['content-type'] ?? '';
      let params: Record<string, unknown>;
      if (contentType.startsWith('multipart/form-data')) {
        const { parts } = await readMultipart(
          req,
          MAX_BODY_BYTES,
          (why) => new TcbError('INVALID_PARAM', why),
        );
        params = {};
        for (const [name, part] of parts) {
          params[name] = name === 'requestData' ? part.bytes : part.bytes.toString('utf8');
        }
      } else {
        const body = await readBody(
          req,
          MAX_BODY_BYTES,
          () => new TcbError('EXCEED_REQUEST_SIZE_LIMIT', 'request body exceeds the size limit'),
        );
        params = parseJsonObject(body);
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
    throw new TcbError('INVALID_PARAM', 'request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TcbError('INVALID_PARAM', 'request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}
