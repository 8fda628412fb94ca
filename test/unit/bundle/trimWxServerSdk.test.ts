import { build } from 'esbuild';
import { bundleOptions } from '../../../scripts/build';
import {
  LAZY_IMPORTS,
  type LazySpec,
  lazyRewrite,
  STUBS,
  slimMimeDb,
  trimWxServerSdk,
} from '../../../scripts/esbuild/trimWxServerSdk';

/** Evaluates a stub's CommonJS source and calls the export at `dotted` (e.g. `default.sign`). */
function callStub(contents: string, dotted: string): unknown {
  const module = { exports: {} as unknown };
  new Function('module', 'exports', contents)(module, module.exports);
  const fn = dotted
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], module.exports);
  if (typeof fn !== 'function') throw new TypeError(`${dotted} is not a function`);
  return fn();
}

describe('trimWxServerSdk', () => {
  it.each([
    ['cloud.models', '@cloudbase/wx-cloud-client-sdk', 'default.generateHTTPClient'],
    ['cloud.ai', './ai', 'createAI'],
    ['createTicket', 'jsonwebtoken', 'default.sign'],
  ])('stubs %s with an error that says it is not bundled', (_feature, request, exported) => {
    const stub = STUBS.find((candidate) => candidate.request === request);
    expect(stub).toBeDefined();
    expect(() => callStub(stub!.contents, exported)).toThrow(/is not bundled in this cloud function/);
  });

  it.each(LAZY_IMPORTS.map((spec) => [`${spec.file} ${spec.binding}`, spec] as const))(
    'rewrites %s into a lazy binding that still requires the module',
    (_name, spec) => {
      const { from, to } = lazyRewrite(spec);
      expect(from).toMatch(new RegExp(`^const ${spec.binding} = `));
      expect(to).toContain(`require(${JSON.stringify(spec.target ?? spec.module)})`);
      expect(to).not.toBe(from);
    },
  );

  it('fails the build when a patched SDK line is no longer there (an SDK upgrade changed it)', async () => {
    const gone: LazySpec = {
      file: '@cloudbase/node-sdk/dist/cloudbase.js',
      binding: 'no_such_binding_1',
      module: 'axios',
      shape: 'default',
    };
    await expect(
      build({
        ...bundleOptions('driverLicenses'),
        write: false,
        logLevel: 'silent',
        plugins: [trimWxServerSdk({ stubs: STUBS, lazy: [...LAZY_IMPORTS, gone] })],
      }),
    ).rejects.toThrow(/no_such_binding_1.*not found/);
  }, 60_000);

  it('fails the build when a stub never applied', async () => {
    const unused = { ...STUBS[0]!, request: 'left-pad', importer: 'nowhere/index.js' };
    await expect(
      build({
        ...bundleOptions('driverLicenses'),
        write: false,
        logLevel: 'silent',
        plugins: [trimWxServerSdk({ stubs: [...STUBS, unused], lazy: LAZY_IMPORTS })],
      }),
    ).rejects.toThrow(/never applied.*stub left-pad/);
  }, 60_000);
});

describe('slimMimeDb', () => {
  it('keeps types with extensions and the fields lookups read, drops the rest', () => {
    const slim = slimMimeDb({
      'image/jpeg': { source: 'iana', compressible: false, extensions: ['jpeg', 'jpg', 'jpe'] },
      'text/html': { source: 'iana', charset: 'UTF-8', compressible: true, extensions: ['html'] },
      'application/x-no-extension': { source: 'iana', compressible: true },
      'application/empty': { extensions: [] },
    });
    expect(slim).toEqual({
      'image/jpeg': { source: 'iana', extensions: ['jpeg', 'jpg', 'jpe'] },
      'text/html': { source: 'iana', charset: 'UTF-8', extensions: ['html'] },
    });
  });
});
