import { cloudInitOptions } from '../lib/cloudInitOptions';
import { cloudPathFor } from '../lib/scanFlow';

describe('cloudPathFor', () => {
  it.each([
    ['wxfile://tmp/a.jpg', 'jpg'],
    ['wxfile://tmp/a.JPEG', 'jpg'],
    ['http://tmp/a.png', 'png'],
    ['wxfile://tmp/noext', 'jpg'],
  ])('keeps the image type of %s as .%s', (filePath, ext) => {
    expect(cloudPathFor(filePath, 1_700_000_000_000, 0.5)).toBe(
      `driver-licenses/1700000000000-i0000000.${ext}`,
    );
  });

  it('gives different paths to two uploads in the same millisecond', () => {
    expect(cloudPathFor('a.jpg', 1, 0.1)).not.toBe(cloudPathFor('a.jpg', 1, 0.2));
  });
});

describe('cloudInitOptions', () => {
  it('passes the configured env id and turns on user tracing', () => {
    expect(cloudInitOptions('prod-1a2b3c')).toEqual({ env: 'prod-1a2b3c', traceUser: true });
  });

  it.each(['your-env-id', '', '  '])('leaves env out (the default env) while the id is %p', (id) => {
    expect(cloudInitOptions(id)).toEqual({ traceUser: true });
  });
});
