/**
 * DevTools' CLI (and at times miniprogram-ci) can exit 0 after reporting a failure: an `[error]`
 * line, a ✖, a result table whose success column is false, a non-zero errCode. Read the output, not
 * only the exit code.
 */
const FAILURE_PATTERNS: readonly RegExp[] = [
  /\[error\]/i,
  /[✖✗❌]/,
  /\bfail(?:s|ed|ure)?\b/i,
  /\berr_?code\b["']?\s*[:=]\s*["']?-?[1-9]/i,
  /\bsuccess\b["']?\s*[:=]\s*["']?false\b/i,
  /[│|]\s*false\s*[│|]/,
  /\bError:/,
  /失败|错误|出错/,
  /service port (?:is )?(?:disabled|closed|not enabled)|服务端口(?:已关闭|未开启|关闭)/i,
];

/** Progress lines such as "status: UpdateFailed" are transient; the final status decides. */
const IGNORED: readonly RegExp[] = [/\bstatus:\s*\w+\s*$/i];

export function failureLines(output: string): string[] {
  return output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .filter((line) => !IGNORED.some((pattern) => pattern.test(line)))
    .filter((line) => FAILURE_PATTERNS.some((pattern) => pattern.test(line)));
}

export interface Diagnosis {
  hint: string;
}

/** Known causes with a known fix, recognised in the tool's output. */
export function diagnose(output: string): Diagnosis[] {
  const hints: Diagnosis[] = [];
  if (/service port|服务端口/i.test(output)) {
    hints.push({
      hint: "DevTools' service port is off: open WeChat DevTools, 设置 -> 安全设置 -> 服务端口 (Settings -> Security -> Service port): turn it on, then run the deploy again.",
    });
  }
  if (/getCloudAPISignedHeader|not log(?:ged)? ?in|need(?:s)? login|请先登录|重新登录|未登录/i.test(output)) {
    hints.push({
      hint: 'DevTools is not logged in (or its session expired): log in by scanning the QR code in DevTools, then retry.',
    });
  }
  if (/-604101/.test(output)) {
    hints.push({
      hint: 'errCode -604101: the function lacks an openapi permission; check config.json and redeploy.',
    });
  }
  if (/Updating|Creating|ongoing update/i.test(output) && /fail|error|失败/i.test(output)) {
    hints.push({
      hint: 'The function was still being created or updated in the cloud: wait until it is Active, then retry.',
    });
  }
  if (/env not found|ResourceNotFound\.Namespace|环境不存在/i.test(output)) {
    hints.push({
      hint: 'The cloud environment id was not found for this account/appid: check --env (云开发控制台 -> 设置 -> 环境 ID).',
    });
  }
  if (/invalid ip|ip.*white|白名单/i.test(output)) {
    hints.push({
      hint: "This machine's IP is not on the upload IP whitelist (微信公众平台 -> 开发 -> 开发管理 -> 开发设置 -> 小程序代码上传).",
    });
  }
  return hints;
}
