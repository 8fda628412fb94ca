import type { AccessTokenProvider } from '../ports/AccessTokenProvider';
import { type OcrClient, type OcrInput, UpstreamError } from '../ports/OcrClient';
import { type Fetch, requestJson, TOKEN_ERRCODES } from './wechatJson';

/**
 * OcrClient over WeChat's HTTPS API (`POST /cv/ocr/drivinglicense`), for servers that are not
 * cloud functions. The token provider decides the form: ClientCredentialTokenProvider (the
 * mini-program's own access_token) or AuthorizerTokenProvider (a third-party platform's
 * authorizer_access_token). Answers snake_case fields, which toDriverLicense accepts as well as
 * camelCase.
 */
export class HttpsOcrClient implements OcrClient {
  constructor(private readonly options: { baseUrl: string; tokens: AccessTokenProvider; fetch?: Fetch }) {}

  async recognizeDriverLicense(input: OcrInput): Promise<Record<string, unknown>> {
    try {
      return await this.post(input, await this.options.tokens.token());
    } catch (error) {
      if (!(error instanceof UpstreamError) || !TOKEN_ERRCODES.has(error.errcode)) throw error;
      return this.post(input, await this.options.tokens.token({ refresh: true }));
    }
  }

  private async post(input: OcrInput, accessToken: string): Promise<Record<string, unknown>> {
    const url = new URL('/cv/ocr/drivinglicense', this.options.baseUrl);
    url.searchParams.set('access_token', accessToken);
    let body: FormData | undefined;
    if (input.kind === 'imgUrl') {
      url.searchParams.set('img_url', input.imgUrl);
    } else {
      body = new FormData();
      body.append('img', new Blob([input.image], { type: input.contentType }), 'licence');
    }
    const json = await requestJson(
      this.options.fetch ?? fetch,
      url,
      { method: 'POST', ...(body ? { body } : {}) },
      'POST /cv/ocr/drivinglicense',
    );
    const { errcode, errmsg, ...fields } = json;
    if (typeof errcode === 'number' && errcode !== 0) {
      throw new UpstreamError(errcode, `POST /cv/ocr/drivinglicense: ${String(errmsg)}`);
    }
    return fields;
  }
}
