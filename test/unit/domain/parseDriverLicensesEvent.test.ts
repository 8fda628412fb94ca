import { DEFAULT_LIST_LIMIT, parseDriverLicensesEvent } from '../../../src/domain/parseDriverLicensesEvent';

const USER_INFO = { appId: 'wx1234567890abcdef', openId: 'oAbCdEfGhIjKlMnOpQrStUvWxYz' };

describe('parseDriverLicensesEvent', () => {
  it.each([
    ['list with defaults', { action: 'list' }, { action: 'list', limit: DEFAULT_LIST_LIMIT, offset: 0 }],
    [
      'list with limit and offset',
      { action: 'list', limit: 5, offset: 10 },
      { action: 'list', limit: 5, offset: 10 },
    ],
    [
      'list at the bounds',
      { action: 'list', limit: 100, offset: 10000 },
      { action: 'list', limit: 100, offset: 10000 },
    ],
    [
      'list with the smallest limit',
      { action: 'list', limit: 1, offset: 0 },
      { action: 'list', limit: 1, offset: 0 },
    ],
    ['list with userInfo', { action: 'list', userInfo: USER_INFO }, { action: 'list', limit: 20, offset: 0 }],
    ['get', { action: 'get', id: 'a1B2_c3-D4' }, { action: 'get', id: 'a1B2_c3-D4' }],
    [
      'get with a 64-character id',
      { action: 'get', id: 'x'.repeat(64) },
      { action: 'get', id: 'x'.repeat(64) },
    ],
    [
      'delete with userInfo',
      { action: 'delete', id: 'abc', userInfo: USER_INFO },
      { action: 'delete', id: 'abc' },
    ],
    [
      'uploadPath for a JPEG by default',
      { action: 'uploadPath' },
      { action: 'uploadPath', extension: 'jpg' },
    ],
    [
      'uploadPath for a PNG',
      { action: 'uploadPath', extension: 'png', userInfo: USER_INFO },
      { action: 'uploadPath', extension: 'png' },
    ],
  ])('accepts %s', (_label, event, expected) => {
    expect(parseDriverLicensesEvent(event)).toEqual({ success: true, data: expected });
  });

  it.each([
    ['null', null, /must be an object with an action, got null/],
    ['an array', [{ action: 'list' }], /got an array/],
    ['a string', 'list', /got a string/],
    ['no action', {}, /action must be 'list', 'get', 'delete' or 'uploadPath'/],
    ['an unknown action', { action: 'update', id: 'x' }, /action must be/],
    ['an action in another case', { action: 'LIST' }, /action must be/],
    ['a non-string action', { action: 1 }, /action must be/],
    [
      'an unknown key on list',
      { action: 'list', where: { _openid: 'x' } },
      /unknown key "where" for action 'list'; allowed: action, limit, offset/,
    ],
    ['an id on list', { action: 'list', id: 'x' }, /unknown key "id" for action 'list'/],
    [
      'a limit on get',
      { action: 'get', id: 'x', limit: 1 },
      /unknown key "limit" for action 'get'; allowed: action, id/,
    ],
    [
      'a __proto__ key',
      JSON.parse('{"action":"list","__proto__":{"limit":5}}') as unknown,
      /unknown key "__proto__"/,
    ],
    ['a limit of 0', { action: 'list', limit: 0 }, /limit must be an integer from 1 to 100/],
    ['a limit of 101', { action: 'list', limit: 101 }, /limit must be an integer from 1 to 100/],
    ['a fractional limit', { action: 'list', limit: 2.5 }, /limit must be an integer/],
    ['a string limit', { action: 'list', limit: '10' }, /limit must be an integer/],
    ['a null limit', { action: 'list', limit: null }, /limit must be an integer/],
    ['a NaN limit', { action: 'list', limit: Number.NaN }, /limit must be an integer/],
    ['a negative offset', { action: 'list', offset: -1 }, /offset must be an integer from 0 to 10000/],
    ['an offset over 10000', { action: 'list', offset: 10001 }, /offset must be an integer from 0 to 10000/],
    ['an infinite offset', { action: 'list', offset: Number.POSITIVE_INFINITY }, /offset must be an integer/],
    ['get without id', { action: 'get' }, /get needs an id/],
    ['delete without id', { action: 'delete' }, /delete needs an id/],
    ['an empty id', { action: 'get', id: '' }, /id must be 1 to 64 characters/],
    ['a 65-character id', { action: 'delete', id: 'x'.repeat(65) }, /id must be 1 to 64 characters/],
    ['an id with a slash', { action: 'get', id: 'a/b' }, /id must be 1 to 64 characters/],
    ['an id with a space', { action: 'get', id: 'a b' }, /id must be/],
    ['a query-operator id', { action: 'delete', id: { $ne: null } }, /id must be/],
    ['a numeric id', { action: 'get', id: 42 }, /id must be/],
    [
      'an uploadPath extension that is no image',
      { action: 'uploadPath', extension: 'exe' },
      /'jpg' or 'png'/,
    ],
    ['an uploadPath extension with a path', { action: 'uploadPath', extension: '../x' }, /'jpg' or 'png'/],
    [
      'an uploadPath that names its own folder',
      { action: 'uploadPath', cloudPath: 'licences/someone/x.jpg' },
      /unknown key "cloudPath" for action 'uploadPath'; allowed: action, extension/,
    ],
  ])('rejects %s with INVALID_ARGUMENT', (_label, event, message) => {
    const result = parseDriverLicensesEvent(event);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.code).toBe('INVALID_ARGUMENT');
    expect(result.error.message).toMatch(message);
  });
});
