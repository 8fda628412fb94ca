import { build } from 'esbuild';
import { bundleOptions, functionNames } from '../../../scripts/build';
import {
  BUNDLE_BUDGET_BYTES,
  type BundleReport,
  inspectBundle,
  TARGET_BYTES,
} from '../../../scripts/esbuild/bundleBudget';

// Built in memory with the production options: nothing on disk changes, and a stale bundle cannot hide a regression.
const reports = new Map<string, BundleReport>();

beforeAll(async () => {
  for (const name of functionNames()) {
    const result = await build({ ...bundleOptions(name), write: false, logLevel: 'silent' });
    reports.set(name, inspectBundle(result.metafile));
  }
}, 60_000);

const report = (name: string): BundleReport => {
  const found = reports.get(name);
  if (!found) throw new Error(`${name} was not built`);
  return found;
};

describe.each(functionNames())('bundle of %s', (name) => {
  it(`stays under the ${BUNDLE_BUDGET_BYTES} byte budget (and the ${TARGET_BYTES} byte target)`, () => {
    expect(report(name).bytes).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
  });

  it('contains no test, emulator, OCR engine, native or stubbed-out code', () => {
    expect(report(name).forbidden).toEqual([]);
  });

  it('contains one copy of each package', () => {
    expect(report(name).duplicates).toEqual([]);
  });

  it('really contains wx-server-sdk and the CloudBase SDK it runs on', () => {
    expect(report(name).missing).toEqual([]);
  });
});

describe('inspectBundle', () => {
  const metafile = (inputs: Record<string, number>) => ({
    inputs: {},
    outputs: {
      'index.js': {
        bytes: 10,
        imports: [],
        exports: [],
        inputs: Object.fromEntries(
          Object.entries(inputs).map(([file, bytesInOutput]) => [file, { bytesInOutput }]),
        ),
      },
    },
  });

  it.each([
    ['the OCR engine', 'node_modules/@gutenye/ocr-node/build/index.js'],
    ['sharp', 'node_modules/sharp/lib/index.js'],
    ['jest', 'node_modules/jest/build/index.js'],
    ['emulator code', 'emulator/startEmulator.ts'],
    ["the emulator console's page", 'emulator/console/ui/src/App.tsx'],
    ["the console page's UI library", 'node_modules/preact/dist/preact.module.js'],
    ['test code', 'test/integration/support/licenses.ts'],
    ['the stubbed models SDK', 'node_modules/@cloudbase/wx-cloud-client-sdk/lib/index.js'],
  ])('reports %s as forbidden', (_what, file) => {
    expect(inspectBundle(metafile({ [file]: 1 })).forbidden).toHaveLength(1);
  });

  it('reports a package bundled from two folders as a duplicate', () => {
    const result = inspectBundle(
      metafile({ 'node_modules/bson/lib/bson.js': 1, 'node_modules/x/node_modules/bson/lib/bson.js': 1 }),
    );
    expect(result.duplicates).toEqual(['bson: node_modules/bson, node_modules/x/node_modules/bson']);
  });

  it('reports the SDK missing when tree-shaking dropped it', () => {
    expect(inspectBundle(metafile({ 'src/log.ts': 1 })).missing).toEqual([
      'wx-server-sdk',
      '@cloudbase/node-sdk',
      '@cloudbase/database',
    ]);
  });
});
