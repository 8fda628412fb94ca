import { MAX_FILE_ID_LENGTH, MAX_IMG_URL_LENGTH, parseOcrEvent } from '../../../src/domain/parseOcrEvent';
import { ownerPrefix } from '../../../src/domain/uploadPath';
import { AppError } from '../../../src/errors';

const ENV = 'prod-7gq3c1a2b4d5e6f7';
const OPENID = 'oAbCdEfGhIjKlMnOpQrStUvWxYz';
const ctx = { envId: ENV, openid: OPENID };
/** The caller's own upload folder: the only place its fileIDs may point. */
const OWN = ownerPrefix(OPENID);
const FILE_ID = `cloud://${ENV}.7072-${ENV}-1320000000/${OWN}1732780000000.jpg`;
const USER_INFO = { appId: 'wx1234567890abcdef', openId: 'oAbCdEfGhIjKlMnOpQrStUvWxYz' };

function errorOf(event: unknown, context = ctx): AppError {
  const result = parseOcrEvent(event, context);
  if (result.success) throw new Error(`expected a parse error, got ${JSON.stringify(result.data)}`);
  return result.error;
}

describe('parseOcrEvent', () => {
  describe('accepts', () => {
    it.each([
      ['a fileID of the caller env', { fileID: FILE_ID }, { kind: 'fileID', fileID: FILE_ID }],
      [
        'a fileID with the platform userInfo',
        { fileID: FILE_ID, userInfo: USER_INFO },
        { kind: 'fileID', fileID: FILE_ID },
      ],
      [
        'a fileID with a Chinese file name',
        { fileID: `cloud://${ENV}.bucket/${OWN}驾驶证 正面.jpg` },
        { kind: 'fileID', fileID: `cloud://${ENV}.bucket/${OWN}驾驶证 正面.jpg` },
      ],
      [
        'a fileID with an ordinary percent escape',
        { fileID: `cloud://${ENV}.bucket/${OWN}a%20b.jpg` },
        { kind: 'fileID', fileID: `cloud://${ENV}.bucket/${OWN}a%20b.jpg` },
      ],
      [
        'an https imgUrl',
        { imgUrl: 'https://example.com/licence.jpg' },
        { kind: 'imgUrl', imgUrl: 'https://example.com/licence.jpg' },
      ],
      [
        'an https imgUrl with query and port',
        { imgUrl: 'https://cdn.example.com:8443/a/b.png?sign=abc&t=1' },
        { kind: 'imgUrl', imgUrl: 'https://cdn.example.com:8443/a/b.png?sign=abc&t=1' },
      ],
      [
        'an imgUrl with userInfo',
        { imgUrl: 'https://example.com/x.jpg', userInfo: USER_INFO },
        { kind: 'imgUrl', imgUrl: 'https://example.com/x.jpg' },
      ],
      [
        'an imgUrl to a private address (WeChat fetches it, not us)',
        { imgUrl: 'https://192.168.1.10/x.jpg' },
        { kind: 'imgUrl', imgUrl: 'https://192.168.1.10/x.jpg' },
      ],
      [
        'an object with a null prototype',
        Object.assign(Object.create(null) as object, { fileID: FILE_ID }),
        { kind: 'fileID', fileID: FILE_ID },
      ],
    ])('%s', (_label, event, expected) => {
      expect(parseOcrEvent(event, ctx)).toEqual({ success: true, data: expected });
    });

    it('accepts a fileID of any env when the env id is not known', () => {
      const fileID = `cloud://other-env-1a2b.6f74-other-env-1a2b-1300000000/${OWN}x.jpg`;
      expect(parseOcrEvent({ fileID }, { envId: '', openid: OPENID })).toEqual({
        success: true,
        data: { kind: 'fileID', fileID },
      });
    });

    it(`accepts a fileID of exactly ${MAX_FILE_ID_LENGTH} characters and an imgUrl of exactly ${MAX_IMG_URL_LENGTH}`, () => {
      const fileID = `cloud://${ENV}.b/${OWN}`.padEnd(MAX_FILE_ID_LENGTH, 'a');
      const imgUrl = 'https://example.com/'.padEnd(MAX_IMG_URL_LENGTH, 'a');
      expect(parseOcrEvent({ fileID }, ctx).success).toBe(true);
      expect(parseOcrEvent({ imgUrl }, ctx).success).toBe(true);
    });

    it('ignores userInfo for identity: a forged one is accepted and not returned', () => {
      const result = parseOcrEvent({ fileID: FILE_ID, userInfo: { openId: 'someone-else' } }, ctx);
      expect(result).toEqual({ success: true, data: { kind: 'fileID', fileID: FILE_ID } });
    });
  });

  describe('the event shape', () => {
    it.each([
      ['null', null, /got null/],
      ['undefined', undefined, /got undefined/],
      ['an array', [{ fileID: FILE_ID }], /got an array/],
      ['a string', FILE_ID, /got a string/],
      ['a number', 1, /got a number/],
      ['a class instance', new Map([['fileID', FILE_ID]]), /got a non-plain object/],
      ['an empty object', {}, /missing fileID or imgUrl/],
      ['only userInfo', { userInfo: USER_INFO }, /missing fileID or imgUrl/],
      [
        'both fileID and imgUrl',
        { fileID: FILE_ID, imgUrl: 'https://example.com/x.jpg' },
        /exactly one of fileID or imgUrl/,
      ],
      ['an unknown key', { fileID: FILE_ID, type: 'photo' }, /unknown key "type"/],
      ['a key differing in case', { fileId: FILE_ID }, /unknown key "fileId"/],
      [
        'a __proto__ key from JSON',
        JSON.parse(`{"fileID":"${FILE_ID}","__proto__":{"isAdmin":true}}`) as unknown,
        /unknown key "__proto__"/,
      ],
      ['a constructor key', { fileID: FILE_ID, constructor: 'x' }, /unknown key "constructor"/],
      ['a prototype key', { fileID: FILE_ID, prototype: {} }, /unknown key "prototype"/],
      [
        'a very long unknown key (shown truncated)',
        { fileID: FILE_ID, ['k'.repeat(500)]: 1 },
        /unknown key "k{40}…"/,
      ],
    ])('rejects %s', (_label, event, message) => {
      const error = errorOf(event);
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toMatch(message);
    });

    it('does not pollute Object.prototype while rejecting a __proto__ key', () => {
      errorOf(JSON.parse('{"__proto__":{"polluted":true},"fileID":"x"}'));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('fileID', () => {
    it.each([
      ['a number', 123, /fileID must be a string, got number/],
      ['null', null, /fileID must be a string, got null/],
      ['an object', { path: 'x' }, /fileID must be a string, got object/],
      ['an empty string', '', /cloud:\/\/<envId>\.<bucket>\/<path>/],
      ['an https URL', 'https://example.com/x.jpg', /cloud:\/\/<envId>/],
      ['a missing bucket part', `cloud://${ENV}/x.jpg`, /cloud:\/\/<envId>/],
      ['a missing path', `cloud://${ENV}.bucket/`, /cloud:\/\/<envId>/],
      [
        'another env',
        FILE_ID.replace(ENV, 'other-env'),
        /belongs to env "other-env", not this env "prod-7gq3c1a2b4d5e6f7"/,
      ],
      ['an env that only starts like ours', FILE_ID.replace(`${ENV}.`, `${ENV}x.`), /belongs to env/],
      ['a dot-dot segment', `cloud://${ENV}.bucket/a/../b.jpg`, /must not contain '\.\.'/],
      ['a leading dot-dot', `cloud://${ENV}.bucket/../x.jpg`, /must not contain '\.\.'/],
      ['a dot segment', `cloud://${ENV}.bucket/a/./b.jpg`, /must not contain '\.' segments/],
      ['a leading dot segment', `cloud://${ENV}.bucket/./b.jpg`, /must not contain '\.' segments/],
      ['a double slash', `cloud://${ENV}.bucket/a//b.jpg`, /must not contain '\/\/'/],
      ['a leading slash in the path', `cloud://${ENV}.bucket//etc/passwd`, /must not contain '\/\/'/],
      ['a backslash', `cloud://${ENV}.bucket/a\\b.jpg`, /backslashes/],
      ['a folder', `cloud://${ENV}.bucket/licenses/`, /name a file/],
      ['a NUL byte', `cloud://${ENV}.bucket/a\u0000.jpg`, /control characters/],
      ['a newline', `cloud://${ENV}.bucket/a\n.jpg`, /control characters/],
      ['an encoded dot-dot', `cloud://${ENV}.bucket/%2e%2e/x.jpg`, /percent-encode/],
      ['an upper-case encoded slash', `cloud://${ENV}.bucket/a%2Fb.jpg`, /percent-encode/],
      ['an encoded backslash', `cloud://${ENV}.bucket/a%5cb.jpg`, /percent-encode/],
      ['an encoded NUL', `cloud://${ENV}.bucket/a%00.jpg`, /percent-encode/],
      [
        'a value over the length limit',
        `cloud://${ENV}.b/`.padEnd(MAX_FILE_ID_LENGTH + 1, 'a'),
        /1025 characters; at most 1024/,
      ],
      ['a file outside any upload folder', `cloud://${ENV}.bucket/x.jpg`, /not in this user's upload folder/],
      [
        'a file in another user’s folder',
        `cloud://${ENV}.bucket/${ownerPrefix('oSomeoneElse')}x.jpg`,
        /not in this user's upload folder/,
      ],
      [
        'a folder whose name only starts like the caller’s',
        `cloud://${ENV}.bucket/${OWN.slice(0, -1)}0/x.jpg`,
        /not in this user's upload folder/,
      ],
      ['the legacy upload folder', `cloud://${ENV}.bucket/driver-licenses/1-abc.jpg`, /upload folder/],
    ])('rejects %s', (_label, fileID, message) => {
      const error = errorOf({ fileID });
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toMatch(message);
    });
  });

  describe('imgUrl', () => {
    it.each([
      ['a number', 1, /imgUrl must be a string, got number/],
      ['an array', ['https://example.com/x.jpg'], /imgUrl must be a string, got an array/],
      ['an empty string', '', /must not be empty/],
      ['http', 'http://example.com/x.jpg', /must use https, got "http"/],
      ['ftp', 'ftp://example.com/x.jpg', /must use https, got "ftp"/],
      ['a data: URL', 'data:image/png;base64,iVBORw0KGgo=', /must use https, got "data"/],
      ['a javascript: URL', 'javascript:alert(1)', /must use https, got "javascript"/],
      ['a file: URL', 'file:///etc/passwd', /must use https, got "file"/],
      ['a relative URL', '/images/x.jpg', /not a valid absolute URL/],
      ['a scheme-relative URL', '//example.com/x.jpg', /not a valid absolute URL/],
      ['a bare host', 'example.com/x.jpg', /not a valid absolute URL/],
      ['credentials', 'https://user:pass@example.com/x.jpg', /must not contain credentials/],
      ['a user name only', 'https://user@example.com/x.jpg', /must not contain credentials/],
      ['a backslash parser trick', 'https://evil.example\\@good.example/x.jpg', /backslashes/],
      ['a space', 'https://example.com/a b.jpg', /whitespace or control characters/],
      ['leading whitespace', ' https://example.com/x.jpg', /whitespace or control characters/],
      ['a tab inside', 'https://exa\tmple.com/x.jpg', /whitespace or control characters/],
      [
        'a value over the length limit',
        'https://example.com/'.padEnd(MAX_IMG_URL_LENGTH + 1, 'a'),
        /2049 characters; at most 2048/,
      ],
      ['a bad host', 'https://exa mple.com/', /whitespace/],
      ['an invalid port', 'https://example.com:99999/x.jpg', /not a valid absolute URL/],
    ])('rejects %s', (_label, imgUrl, message) => {
      const error = errorOf({ imgUrl });
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toMatch(message);
    });
  });
});
