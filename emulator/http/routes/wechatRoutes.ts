import type { AccessTokenService } from '../../core/auth/AccessTokenService';
import { WeChatApiError } from '../../core/errors';
import { withRid } from '../../core/ids';
import type { OcrService } from '../../core/openapi/OcrService';
import type { RequestStats } from '../../core/stats/RequestStats';
import { type BodyRefusals, readBody, readMultipart } from '../readBody';
import { mediaTypeOf } from '../requestGuard';
import { jsonReply, type Route } from '../types';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** `GET /cgi-bin/token?grant_type=client_credential&appid=…&secret=…` */
export function tokenRoute(tokens: AccessTokenService, stats: RequestStats): Route {
  return {
    methods: ['GET'],
    matches: (pathname) => pathname === '/cgi-bin/token',
    flavor: 'wechat',
    async handle({ url }) {
      stats.count('https:/cgi-bin/token');
      return jsonReply(tokens.issue(url.searchParams));
    },
  };
}

/** The component API's two token endpoints, JSON bodies as WeChat documents them. */
export function componentTokenRoutes(tokens: AccessTokenService, stats: RequestStats): Route {
  return {
    methods: ['POST'],
    matches: (pathname) =>
      pathname === '/cgi-bin/component/api_component_token' ||
      pathname === '/cgi-bin/component/api_authorizer_token',
    flavor: 'wechat',
    bodyTypes: ['application/json'],
    async handle({ req, url }) {
      stats.count(`https:${url.pathname}`);
      const body = await readJsonBody(req);
      return jsonReply(
        url.pathname === '/cgi-bin/component/api_component_token'
          ? tokens.issueComponent(body)
          : tokens.issueAuthorizer(url.searchParams, body),
      );
    },
  };
}

async function readJsonBody(req: Parameters<Route['handle']>[0]['req']): Promise<unknown> {
  const bytes = await readBody(req, 64 * 1024, {
    tooLarge: () => new WeChatApiError(47001, withRid('data format error hint: [body over 64 KB]'), 413),
    malformed: (why) => new WeChatApiError(47001, withRid(`data format error hint: [${why}]`), 400),
  });
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new WeChatApiError(47001, withRid('data format error'));
  }
}

/**
 * `POST /cv/ocr/drivinglicense?access_token=…[&img_url=…]`, image in multipart field `img`.
 * Same core as the cloud call (OcrService): same answers, quota, faults.
 */
export function drivingLicenseRoute(tokens: AccessTokenService, ocr: OcrService, stats: RequestStats): Route {
  const refusals: BodyRefusals = {
    // A body over 20 MB is no image WeChat would take: its size code, with the 413 no client expects.
    tooLarge: () => new WeChatApiError(40006, withRid('invalid meida size'), 413),
    // No client sends a form it cannot finish: a 400, in WeChat's shape.
    malformed: (why) => new WeChatApiError(41005, withRid(`media data missing hint: [${why}]`), 400),
  };
  return {
    methods: ['POST'],
    matches: (pathname) => pathname === '/cv/ocr/drivinglicense',
    flavor: 'wechat',
    bodyTypes: ['multipart/form-data'],
    async handle({ req, url }) {
      stats.count('https:/cv/ocr/drivinglicense');
      tokens.verify(url.searchParams.get('access_token'));
      let img: Buffer | undefined;
      if (mediaTypeOf(req) === 'multipart/form-data') {
        img = (await readMultipart(req, MAX_BODY_BYTES, refusals)).get('img')?.bytes;
      }
      const imgUrl = url.searchParams.get('img_url') ?? undefined;
      const request = { ...(img ? { img } : {}), ...(imgUrl ? { imgUrl } : {}) };
      return jsonReply(await ocr.driverLicense(request, { via: 'https', appid: tokens.appid }));
    },
  };
}
