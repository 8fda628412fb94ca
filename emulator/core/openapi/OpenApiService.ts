import { TcbError, WeChatApiError } from '../errors';
import { withRid } from '../ids';
import {
  API_TYPE_OPEN_API,
  decodeCommApiData,
  encodeCommOpenApiResp,
  type OpenApiPair,
} from './commOpenApiProto';
import { OCR_DRIVER_LICENSE, type OcrService } from './OcrService';

/** wx-server-sdk's code for an API the gateway does not know (ERR_CODE -604100 "API not found"). */
export const API_NOT_FOUND = -604100;

/**
 * `action=wx.openApi`: decodes the protobuf request, runs the named API and wraps what WeChat would
 * answer (JSON, success or `{errcode, errmsg}`) in a protobuf CommOpenApiResp. WeChat's own errors
 * are data here, not failures: the gateway call itself succeeded.
 */
export class OpenApiService {
  constructor(private readonly ocr: OcrService) {}

  /**
   * No SDK sends a call without a decodable requestData: those are refused with HTTP 400.
   * `apiToken` is the WX_API_TOKEN the SDK sent (wxCloudApiToken): it names the invocation calling.
   */
  async call(apiName: string, requestData: Buffer | undefined, apiToken?: string): Promise<Buffer> {
    if (!requestData) throw new TcbError('INVALID_PARAM', 'requestData is required for wx.openApi', 400);
    let pairs: OpenApiPair[];
    try {
      const decoded = decodeCommApiData(requestData);
      if (decoded.apiType !== API_TYPE_OPEN_API) {
        throw new Error(`apiType ${decoded.apiType} is not OPEN_API`);
      }
      pairs = decoded.pairs;
    } catch (error) {
      throw new TcbError(
        'INVALID_PARAM',
        `requestData is not a CommApiData: ${(error as Error).message}`,
        400,
      );
    }
    if (apiName !== OCR_DRIVER_LICENSE) {
      return encodeCommOpenApiResp({ errorCode: API_NOT_FOUND, httpCode: 200 });
    }
    const origin = apiToken ? { via: 'cloud' as const, apiToken } : { via: 'cloud' as const };
    const body = await this.ocr.driverLicense(toOcrRequest(pairs), origin).catch((error: unknown) => {
      if (error instanceof WeChatApiError) return { errcode: error.errcode, errmsg: error.errmsg };
      console.error('[emulator] ocr.driverLicense failed unexpectedly:', error);
      return { errcode: -1, errmsg: withRid('system error') };
    });
    return encodeCommOpenApiResp({
      respData: Buffer.from(JSON.stringify(body)),
      contentType: 'application/json; charset=utf-8',
      errorCode: 0,
      httpCode: 200,
    });
  }
}

/** Plain values arrive JSON-encoded (`"photo"`); media arrive as raw bytes with a filename. */
function toOcrRequest(pairs: OpenApiPair[]): { img?: Buffer; imgUrl?: string } {
  const request: { img?: Buffer; imgUrl?: string } = {};
  for (const pair of pairs) {
    if (pair.key === 'img') {
      request.img = pair.filename !== undefined ? pair.value : Buffer.from(jsonString(pair.value) ?? '');
    } else if (pair.key === 'img_url') {
      const url = jsonString(pair.value);
      if (url) request.imgUrl = url;
    }
  }
  return request;
}

function jsonString(value: Buffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    return typeof parsed === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
