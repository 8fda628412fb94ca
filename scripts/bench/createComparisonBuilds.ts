/**
 * The contenders the benchmark measures our bundles against, built into a temp folder:
 * - `sample/index.js`: the common public sample, plain JavaScript that requires wx-server-sdk from
 *   node_modules, calls init and database() at load and exports main;
 * - `plain/<name>/index.js`: our own function code, unminified, with wx-server-sdk left external
 *   (required from node_modules): what the function would be without bundling the SDK;
 * - `untrimmed/<name>/index.js`: our bundle as built before the SDK was trimmed (no plugin).
 * node_modules holds a copy of wx-server-sdk (the installed 4.0.2) and every package it depends
 * on, laid out as in this repository, so nothing is downloaded.
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { bundleOptions, ROOT } from '../build';

export interface ComparisonBuilds {
  dir: string;
  /** The common sample's entry file. */
  sample: string;
  /** Folder of `<name>/index.js` + config.json with the SDK external. */
  plainFunctionsDir: string;
  /** Folder of `<name>/index.js` + config.json bundled without trimming. */
  untrimmedFunctionsDir: string;
  sdkVersion: string;
  /** Packages copied into node_modules (wx-server-sdk and its dependency closure). */
  packages: number;
}

const SAMPLE = `// The common cloud function sample: wx-server-sdk from node_modules, initialised at load.
const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const db = cloud.database();
exports.main = async (event) => {
  const { OPENID } = cloud.getWXContext();
  return db.collection('driver_licenses').where({ _openid: OPENID }).limit(1).get();
};
`;

interface PackageJson {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readPackage = (dir: string): PackageJson =>
  JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;

/** Where Node would find package `name` from `fromDir`: the nearest node_modules up the tree. */
function resolvePackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === ROOT || dir === path.dirname(dir)) return undefined;
  }
}

/** Folders (relative to ROOT) of `root` and every package it needs, as installed here. */
export function dependencyClosure(root: string): string[] {
  const start = resolvePackageDir(root, ROOT);
  if (!start) throw new Error(`${root} is not installed: run npm ci`);
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let dir = queue.shift(); dir; dir = queue.shift()) {
    const pkg = readPackage(dir);
    const required = Object.keys(pkg.dependencies ?? {});
    const optional = Object.keys(pkg.optionalDependencies ?? {});
    for (const name of [...required, ...optional]) {
      const found = resolvePackageDir(name, dir);
      if (!found) {
        if (required.includes(name) && !optional.includes(name)) {
          throw new Error(`${name} (needed by ${path.relative(ROOT, dir)}) is not installed`);
        }
        continue;
      }
      if (!seen.has(found)) {
        seen.add(found);
        queue.push(found);
      }
    }
  }
  return [...seen].map((dir) => path.relative(ROOT, dir)).sort();
}

export async function createComparisonBuilds(functionNames: readonly string[]): Promise<ComparisonBuilds> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-baseline-'));
  const packages = dependencyClosure('wx-server-sdk');
  for (const relative of packages) {
    // Nested node_modules are copied only when they are in the closure themselves.
    cpSync(path.join(ROOT, relative), path.join(dir, relative), {
      recursive: true,
      dereference: true,
      filter: (source) => !path.relative(path.join(ROOT, relative), source).includes('node_modules'),
    });
  }
  const sample = path.join(dir, 'sample', 'index.js');
  mkdirSync(path.dirname(sample), { recursive: true });
  writeFileSync(sample, SAMPLE);

  const plainFunctionsDir = path.join(dir, 'plain');
  const untrimmedFunctionsDir = path.join(dir, 'untrimmed');
  for (const name of functionNames) {
    const ours = bundleOptions(name);
    const config = path.join(ROOT, 'cloudfunctions', name, 'config.json');
    const variants: [string, BuildOptions][] = [
      [
        plainFunctionsDir,
        { minify: false, external: [...(ours.external ?? []), 'wx-server-sdk'], plugins: [] },
      ],
      [untrimmedFunctionsDir, { plugins: [] }],
    ];
    for (const [folder, overrides] of variants) {
      const outfile = path.join(folder, name, 'index.js');
      await build({ ...ours, ...overrides, outfile, metafile: false, logLevel: 'error' });
      copyFileSync(config, path.join(folder, name, 'config.json'));
    }
  }
  const sdkVersion = readPackage(path.join(dir, 'node_modules', 'wx-server-sdk')).version ?? '?';
  return { dir, sample, plainFunctionsDir, untrimmedFunctionsDir, sdkVersion, packages: packages.length };
}
