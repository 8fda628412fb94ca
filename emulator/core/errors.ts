/**
 * The two error shapes the emulated backends answer with. Core services throw them; one mapper in
 * the network layer turns them into responses (emulator/http/errorReply.ts).
 */

/** A CloudBase gateway error: HTTP 200 with `{ code, message, requestId }`, e.g. DATABASE_COLLECTION_NOT_EXIST. */
export class TcbError extends Error {
  override readonly name = 'TcbError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A WeChat open API error: the JSON body `{ errcode, errmsg }` WeChat answers with. */
export class WeChatApiError extends Error {
  override readonly name = 'WeChatApiError';
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
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
