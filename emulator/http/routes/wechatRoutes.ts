import type { AccessTokenService } from '../../core/auth/AccessTokenService';
import { WeChatApiError } from '../../core/errors';
import { withRid } from '../../core/ids';
import type { OcrService } from '../../core/openapi/OcrService';
import type { RequestStats } from '../../core/stats/RequestStats';
import { readBody, readMultipart } from '../readBody';
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

/**
 * `POST /cv/ocr/drivinglicense?access_token=…[&img_url=…]`, image in multipart field `img`.
 * Same core as the cloud call (OcrService): same answers, quota, faults.
 */
export function drivingLicenseRoute(tokens: AccessTokenService, ocr: OcrService, stats: RequestStats): Route {
  return {
    methods: ['POST'],
    matches: (pathname) => pathname === '/cv/ocr/drivinglicense',
    flavor: 'wechat',
    async handle({ req, url }) {
      stats.count('https:/cv/ocr/drivinglicense');
      tokens.verify(url.searchParams.get('access_token'));
      const tooLarge = () => new WeChatApiError(40006, withRid('invalid meida size'));
      let img: Buffer | undefined;
      if ((req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
        const { parts } = await readMultipart(req, MAX_BODY_BYTES, (why) =>
          why.includes('exceeds')
            ? tooLarge()
            : new WeChatApiError(41005, withRid(`media data missing hint: [${why}]`)),
        );
        img = parts.get('img')?.bytes;
      } else {
        await readBody(req, MAX_BODY_BYTES, tooLarge); // drain: only multipart carries an image
      }
      const imgUrl = url.searchParams.get('img_url') ?? undefined;
      return jsonReply(await ocr.driverLicense({ ...(img ? { img } : {}), ...(imgUrl ? { imgUrl } : {}) }));
    },
  };
}
