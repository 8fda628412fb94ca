/**
 * validateFunction against folders written here: the bundle is loaded by the real probe in a fresh
 * Node process, including a real esbuild bundle of wx-server-sdk.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { validateFunction } from '../../../scripts/deploy/validateFunction';
import { type FunctionFixture, ROOT, removeDir, tempDir, writeFunction } from './deployHarness';

const SDK_ENTRY = [
  "import cloud from 'wx-server-sdk';",
  'cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });',
  'export async function main(event: unknown) { return { ok: true, event }; }',
  '',
].join('\n');

/** Bundles SDK_ENTRY the way scripts/build.ts does, optionally leaving wx-server-sdk out. */
async function bundleSdkFunction(
  functionsRoot: string,
  name: string,
  external: string[] = [],
): Promise<void> {
  const dir = writeFunction(functionsRoot, { name, bundle: null, config: '{"permissions":{"openapi":[]}}' });
  const entry = path.join(dir, 'index.ts');
  writeFileSync(entry, SDK_ENTRY);
  await build({
    entryPoints: [entry],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    minify: true,
    logLevel: 'silent',
    nodePaths: [path.join(ROOT, 'node_modules')],
    external: ['bufferutil', 'utf-8-validate', 'encoding', 'supports-color', ...external],
  });
}

describe('validateFunction', () => {
  let root: string;

  beforeAll(() => {
    root = tempDir('validate-fn');
  });

  afterAll(() => {
    removeDir(root);
  });

  let counter = 0;
  async function validate(
    fn: Omit<FunctionFixture, 'name'>,
    name = 'driverLicenses',
    remoteNpmInstall = false,
  ) {
    counter += 1;
    const functionsRoot = path.join(root, `case${counter}`);
    mkdirSync(functionsRoot, { recursive: true });
    writeFunction(functionsRoot, { name, ...fn });
    return validateFunction(functionsRoot, name, { remoteNpmInstall });
  }

  it('accepts a real wx-server-sdk bundle: it loads alone, exports main and does no network', async () => {
    const functionsRoot = path.join(root, 'sdk');
    await bundleSdkFunction(functionsRoot, 'driverLicenses');

    const report = await validateFunction(functionsRoot, 'driverLicenses', { remoteNpmInstall: false });

    expect(report.problems).toEqual([]);
    expect(report.bundleBytes).toBeGreaterThan(100_000);
  });

  it('rejects a bundle that needs wx-server-sdk from a node_modules above its folder, which the cloud does not have', async () => {
    const project = path.join(root, 'sdk-external');
    const functionsRoot = path.join(project, 'cloudfunctions');
    await bundleSdkFunction(functionsRoot, 'driverLicenses', ['wx-server-sdk']);
    // As in this repository: the SDK is installed in the project, not in the function folder.
    mkdirSync(path.join(project, 'node_modules'));
    symlinkSync(
      path.join(ROOT, 'node_modules', 'wx-server-sdk'),
      path.join(project, 'node_modules', 'wx-server-sdk'),
    );

    const report = await validateFunction(functionsRoot, 'driverLicenses', { remoteNpmInstall: false });

    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toContain("Cannot find module 'wx-server-sdk': it resolves to");
    expect(report.problems[0]).toContain('outside the function folder');
    expect(report.problems[0]).toContain('not bundled: wx-server-sdk');
  });

  it.each([
    ['a missing bundle', { bundle: null }, 'index.js missing: the bundle was not built'],
    ['a bundle without main', { bundle: 'exports.handler = async () => 1;\n' }, "typeof main is 'undefined'"],
    ['main that is not a function', { bundle: 'exports.main = 42;\n' }, "typeof main is 'number'"],
    ['a bundle that throws on load', { bundle: "throw new Error('boom at load');\n" }, 'boom at load'],
    ['a syntax error', { bundle: 'exports.main = async () => {\n' }, 'does not load in a fresh Node process'],
    [
      'a connection at load time',
      {
        bundle:
          "require('node:http').get('http://127.0.0.1:9/').on('error', () => {});\nexports.main = async () => 1;\n",
      },
      'tried to use the network: connect 127.0.0.1:9',
    ],
    [
      'a DNS look-up at load time',
      { bundle: "require('node:dns').lookup('example.invalid', () => {});\nexports.main = async () => 1;\n" },
      'tried to use the network: dns example.invalid',
    ],
    [
      'a missing config.json',
      { config: null },
      'config.json missing: create it with {"permissions":{"openapi":[]}}',
    ],
    ['config.json that is not JSON', { config: '{permissions: []}' }, 'config.json is not valid JSON'],
    [
      'openapi that is not a list',
      { config: '{"permissions":{"openapi":"ocr.driverLicense"}}' },
      'must be an array',
    ],
    ['a missing package.json', { pkg: null }, 'package.json missing'],
    [
      'package.json main elsewhere',
      { pkg: '{"main":"dist/index.js"}' },
      'package.json main is "dist/index.js"',
    ],
    [
      'package.json dependencies',
      { pkg: '{"main":"index.js","dependencies":{"wx-server-sdk":"~3.0.1"}}' },
      'package.json has dependencies (wx-server-sdk)',
    ],
  ] satisfies [string, Omit<FunctionFixture, 'name'>, string][])('reports %s', async (_case, fn, message) => {
    const report = await validate(fn);

    expect(report.problems.join('\n')).toContain(message);
  });

  it.each([
    ['no openapi list', '{}', 'does not grant the openapi permission ocr.driverLicense'],
    ['the vehicle licence API instead', '{"permissions":{"openapi":["ocr.vehicleLicense"]}}', '行驶证'],
  ])('reports -604101 ahead of time for ocrDriverLicense with %s', async (_case, config, message) => {
    const report = await validate({ config }, 'ocrDriverLicense');

    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toContain('-604101');
    expect(report.problems[0]).toContain(message);
  });

  it('accepts ocrDriverLicense with exactly the permission it needs', async () => {
    const report = await validate(
      { config: '{"permissions":{"openapi":["ocr.driverLicense"]}}' },
      'ocrDriverLicense',
    );

    expect(report.problems).toEqual([]);
    expect(report.notes).toEqual([]);
  });

  it('notes permissions granted beyond what the function needs', async () => {
    const report = await validate({ config: '{"permissions":{"openapi":["ocr.driverLicense"]}}' });

    expect(report.problems).toEqual([]);
    expect(report.notes).toEqual([
      'config.json grants openapi permissions the function does not need: ocr.driverLicense',
    ]);
  });

  it('accepts dependencies when the cloud is to install them', async () => {
    const report = await validate(
      { pkg: '{"main":"index.js","dependencies":{"wx-server-sdk":"~3.0.1"}}' },
      'driverLicenses',
      true,
    );

    expect(report.problems).toEqual([]);
  });
});
