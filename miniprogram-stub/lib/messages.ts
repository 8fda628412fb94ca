import type { DriverLicense, ErrorCode, LicenseWarning, WarningCode } from '../../src/api';

/** Problems only the client can have; the server's are its ErrorCodes. */
export type ClientProblemCode =
  | 'NETWORK'
  | 'UPLOAD_FAILED'
  | 'IMAGE_STILL_TOO_LARGE'
  | 'COMPRESS_FAILED'
  | 'CHOOSE_FAILED'
  | 'BAD_RESPONSE';

export type ProblemCode = ErrorCode | ClientProblemCode;

/** What went wrong, in words a user understands, and what to do about it. */
export interface ProblemMessage {
  title: string;
  hint: string;
}

/** Record<…> makes the compiler reject a missing code when ErrorCode grows. */
export const PROBLEM_MESSAGES: Record<ProblemCode, ProblemMessage> = {
  INVALID_ARGUMENT: { title: '请求有误', hint: '请重新拍照或选择照片后再试。' },
  UNSUPPORTED_IMAGE: { title: '无法处理这张图片', hint: '请用手机拍一张 JPG 或 PNG 格式的照片后重试。' },
  IMAGE_TOO_LARGE: { title: '照片太大', hint: '照片需小于 2 MB，请重新拍照或选择较小的照片。' },
  IMAGE_DIMENSIONS_TOO_LARGE: {
    title: '照片像素太多',
    hint: '请用普通拍照模式重新拍照，或选择一张较小的照片。',
  },
  INVALID_IMAGE_URL: { title: '照片地址无效', hint: '请重新拍照或选择照片上传。' },
  IMAGE_DECODE_FAILED: { title: '照片无法读取', hint: '照片可能已损坏，请重新拍照。' },
  NOT_A_LICENSE: {
    title: '没有识别到驾驶证',
    hint: '请拍摄机动车驾驶证正页，让证件完整、清晰、无反光地占满画面。',
  },
  QUOTA_EXCEEDED: { title: '今日识别次数已用完', hint: '请明天再试。' },
  RATE_LIMITED: { title: '操作太频繁', hint: '请稍等一分钟后再试。' },
  PERMISSION_DENIED: { title: '识别服务未开通', hint: '请联系小程序管理员开通驾驶证识别权限。' },
  UNAUTHENTICATED: { title: '无法确认你的身份', hint: '请关闭并重新打开小程序后再试。' },
  UPSTREAM_BUSY: { title: '识别服务繁忙', hint: '请稍后再试。' },
  UPSTREAM_TIMEOUT: { title: '识别超时', hint: '请稍后再试，或换一张更清晰的照片。' },
  UPSTREAM_AUTH: { title: '识别服务暂不可用', hint: '请稍后再试；如果一直出现，请联系小程序管理员。' },
  NOT_FOUND: { title: '记录不存在', hint: '它可能已被删除，请刷新列表。' },
  STORAGE_ERROR: { title: '照片读取失败', hint: '请检查网络后重新上传。' },
  DATABASE_ERROR: { title: '保存失败', hint: '请稍后再试。' },
  INTERNAL: { title: '服务出错了', hint: '请稍后再试。' },
  NETWORK: { title: '网络连接失败', hint: '请检查网络后重试。' },
  UPLOAD_FAILED: { title: '照片上传失败', hint: '请检查网络后重试。' },
  IMAGE_STILL_TOO_LARGE: {
    title: '照片压缩后仍大于 2 MB',
    hint: '请靠近证件重新拍照，或选择一张较小的照片。',
  },
  COMPRESS_FAILED: { title: '照片处理失败', hint: '请重新拍照或选择其他照片。' },
  CHOOSE_FAILED: { title: '无法打开相机或相册', hint: '请在设置中允许使用相机和相册后重试。' },
  BAD_RESPONSE: { title: '服务返回了无法识别的结果', hint: '请稍后再试。' },
};

/**
 * A code this client does not know (from a newer server) reads as INTERNAL. hasOwnProperty, not
 * Object.hasOwn: older iOS JavaScriptCore on users' phones lacks the latter and DevTools does
 * not polyfill.
 */
export function problemMessage(code: ProblemCode): ProblemMessage {
  return Object.hasOwn(PROBLEM_MESSAGES, code) ? PROBLEM_MESSAGES[code] : PROBLEM_MESSAGES.INTERNAL;
}

/** Chinese labels of the DTO fields, as printed on the licence. */
export const FIELD_LABELS: Record<keyof DriverLicense, string> = {
  idNum: '证号',
  name: '姓名',
  sex: '性别',
  nationality: '国籍',
  address: '住址',
  birthDate: '出生日期',
  issueDate: '初次领证日期',
  carClass: '准驾车型',
  validFrom: '有效起始日期',
  validTo: '有效期至',
  validPeriodRaw: '有效期限',
  officialSeal: '发证机关',
};

/** One sentence per warning code; `{field}` becomes the field's label. */
export const WARNING_MESSAGES: Record<WarningCode, string> = {
  ID_NUM_CHECK_DIGIT: '证号的校验位不对，可能识别错了，请核对证号。',
  ID_NUM_FORMAT: '证号不是 18 位的身份证号格式，请核对证号。',
  BIRTH_DATE_MISMATCH: '出生日期和证号中的出生日期不一致，请核对。',
  UNKNOWN_CAR_CLASS: '准驾车型不是已知的车型代号，请核对。',
  VALID_TO_BEFORE_VALID_FROM: '有效期的结束日期早于起始日期，请核对有效期。',
  ISSUE_DATE_AFTER_VALID_FROM: '初次领证日期晚于有效起始日期，请核对日期。',
  ISSUED_UNDER_AGE: '「{field}」早于持证人年满 16 周岁的日子，可能识别错了，请核对日期。',
  UNKNOWN_SEX: '性别没有识别成“男”或“女”，请核对。',
  UNPARSEABLE_DATE: '「{field}」不是有效的日期，请核对。',
  MISSING_FIELD: '没有识别到「{field}」，请核对，或重新拍一张更清晰的照片。',
};

export function warningMessage(warning: LicenseWarning): string {
  const template = WARNING_MESSAGES[warning.code] ?? '识别结果可能有误，请核对「{field}」。';
  return template.replace('{field}', FIELD_LABELS[warning.field] ?? String(warning.field));
}
