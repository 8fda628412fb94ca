/**
 * The two error shapes the emulated backends answer with. Core services throw them; one mapper in
 * the network layer turns them into responses (emulator/http/errorReply.ts).
 */

/**
 * A CloudBase gateway error: `{ code, message, requestId }`, e.g. DATABASE_COLLECTION_NOT_EXIST.
 * HTTP 200 as the backend answers what an SDK can send; a 4xx `status` for requests no SDK sends
 * (an unparseable or oversized body), which the SDK would only see as "400 Bad Request".
 */
export class TcbError extends Error {
  override readonly name = 'TcbError';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 200,
  ) {
    super(message);
  }
}

/** A WeChat open API error: the JSON body `{ errcode, errmsg }`; HTTP 200 unless `status` says the request was malformed. */
export class WeChatApiError extends Error {
  override readonly name = 'WeChatApiError';
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly status = 200,
  ) {
    super(`${errcode} ${errmsg}`);
  }
}

/** A bad call to the emulator's own admin API (`/__emulator/...`): HTTP 4xx with `{ error }`. */
export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A refusal of the storage host (COS): HTTP 4xx with an XML `<Error><Code>` body, which the SDKs parse. */
export class CosError extends Error {
  override readonly name = 'CosError';
  constructor(
    readonly status: number,
    readonly code: string,
    message = code,
  ) {
    super(message);
  }
}
