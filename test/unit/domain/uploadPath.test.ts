import { isOwnedBy, newUploadPath, ownerPrefix, UPLOAD_ROOT } from '../../../src/domain/uploadPath';

const ENV_BUCKET = 'cloud://prod-1a2b.7072-prod-1a2b-1320000000';

describe('ownerPrefix', () => {
  it('gives each caller a folder of its own under the upload root, without the openid in it', () => {
    const prefix = ownerPrefix('oAbCdEfGhIjKlMnOpQrStUvWxYz');

    expect(prefix).toMatch(new RegExp(`^${UPLOAD_ROOT}/[0-9a-f]{32}/$`));
    expect(prefix).not.toContain('oAbCdEf');
    expect(ownerPrefix('oAbCdEfGhIjKlMnOpQrStUvWxYz')).toBe(prefix);
    expect(ownerPrefix('oAbCdEfGhIjKlMnOpQrStUvWxYZ')).not.toBe(prefix);
  });
});

describe('newUploadPath', () => {
  it('names a fresh, unguessable file in the caller’s folder', () => {
    const a = newUploadPath('o-user', 'jpg');
    const b = newUploadPath('o-user', 'jpg');

    expect(a.startsWith(ownerPrefix('o-user'))).toBe(true);
    expect(a).toMatch(/\/[0-9a-f]{24}\.jpg$/);
    expect(a).not.toBe(b);
    expect(newUploadPath('o-user', 'png', Buffer.alloc(12, 0xab))).toBe(
      `${ownerPrefix('o-user')}${'ab'.repeat(12)}.png`,
    );
  });
});

describe('isOwnedBy', () => {
  const own = `${ENV_BUCKET}/${ownerPrefix('o-user')}`;

  it.each([
    [true, 'a file in the caller’s folder', `${own}abc.jpg`],
    [true, 'a file in a subfolder of it', `${own}sub/abc.jpg`],
    [false, 'a file in another caller’s folder', `${ENV_BUCKET}/${ownerPrefix('o-other')}abc.jpg`],
    [false, 'a file outside any folder', `${ENV_BUCKET}/abc.jpg`],
    [false, 'a file climbing out with ..', `${own}../${ownerPrefix('o-other').split('/')[1]}/abc.jpg`],
    [false, 'an empty segment', `${own}/abc.jpg`],
    [
      false,
      'a folder that only starts like it',
      `${ENV_BUCKET}/${ownerPrefix('o-user').slice(0, -1)}x/a.jpg`,
    ],
    [false, 'not a fileID', `https://example.com/${ownerPrefix('o-user')}abc.jpg`],
  ])('answers %s for %s', (owned, _label, fileID) => {
    expect(isOwnedBy(fileID, 'o-user')).toBe(owned);
  });
});
