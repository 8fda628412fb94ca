import { cloudInitOptions } from '../lib/cloudInitOptions';
import { extensionOf } from '../lib/scanFlow';

describe('extensionOf', () => {
  it.each([
    ['wxfile://tmp/a.jpg', 'jpg'],
    ['wxfile://tmp/a.JPEG', 'jpg'],
    ['http://tmp/a.png', 'png'],
    ['http://tmp/a.PNG', 'png'],
    ['wxfile://tmp/noext', 'jpg'],
  ])('asks for an upload path of the image type of %s: .%s', (filePath, ext) => {
    expect(extensionOf(filePath)).toBe(ext);
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
