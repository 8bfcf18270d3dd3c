/** WeChat answered with an errcode (e.g. 40029 for a bad login code). */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly api: string,
  ) {
    super(`WeChat ${api} failed: errcode ${errcode} (${errmsg})`);
  }
}

/** WeChat could not be reached, timed out, or answered with garbage: the caller answers 503. */
export class WechatUnavailableError extends Error {
  constructor(
    readonly api: string,
    reason: string,
  ) {
    super(`WeChat ${api} unavailable: ${reason}`);
  }
}
