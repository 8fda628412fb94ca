/**
 * Bundles every cloud function (`cloudfunctions/<name>/index.ts`) into a deployable
 * `cloudfunctions/<name>/index.js`: CommonJS exporting `main`, wx-server-sdk inside, node16 target,
 * so the cloud needs no `npm install`. The SDK is trimmed of what no function here can reach and
 * its rarely needed parts load on first use (scripts/esbuild/trimWxServerSdk.ts): about half the
 * bytes and a third of the load time of the SDK as published (docs/performance.md).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { trimWxServerSdk } from './esbuild/trimWxServerSdk';
import { runCommand } from './lib/commandLine';

export const ROOT = path.resolve(__dirname, '..');
export const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions');

export function functionNames(): string[] {
  return readdirSync(FUNCTIONS_DIR)
    .filter((name) => existsSync(path.join(FUNCTIONS_DIR, name, 'index.ts')))
    .sort();
}

export interface BuiltFunction {
  name: string;
  outfile: string;
  bytes: number;
  metafile: Metafile;
}

/** esbuild options for one function; the benchmark derives its comparison builds from these. */
export function bundleOptions(name: string): BuildOptions & { metafile: true; outfile: string } {
  const dir = path.join(FUNCTIONS_DIR, name);
  return {
    entryPoints: [path.join(dir, 'index.ts')],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    minify: true,
    treeShaking: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    // Optional native/peer modules the SDK's dependency tree probes for at runtime but never needs.
    external: ['bufferutil', 'utf-8-validate', 'encoding', 'supports-color'],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [trimWxServerSdk()],
  };
}

export async function buildFunction(name: string): Promise<BuiltFunction> {
  const options = bundleOptions(name);
  const result = await build(options);
  return { name, outfile: options.outfile, bytes: statSync(options.outfile).size, metafile: result.metafile };
}

export async function buildAll(names: string[] = functionNames()): Promise<BuiltFunction[]> {
  return Promise.all(names.map(buildFunction));
}

export const BUILD_COMMAND = {
  command: 'npm run build --',
  usage: '',
  summary: [
    'Bundles each cloudfunctions/<name>/index.ts into a deployable index.js (CommonJS, node16, minified,',
    'wx-server-sdk inside and trimmed), so the cloud needs no npm install.',
  ].join('\n'),
  options: {},
  examples: ['npm run build'],
} as const;

if (require.main === module) {
  void runCommand(BUILD_COMMAND, async () => {
    for (const fn of await buildAll()) {
      console.log(`built ${path.relative(ROOT, fn.outfile)} ${(fn.bytes / 1024).toFixed(0)} KiB`);
    }
    return 0;
  });
}

/** Newest modification time of the files a bundle is built from. */
function newestSourceMtime(): number {
  let newest = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  visit(path.join(ROOT, 'src'));
  // The build itself: a changed plugin changes every bundle.
  visit(path.join(ROOT, 'scripts', 'esbuild'));
  newest = Math.max(newest, statSync(__filename).mtimeMs);
  for (const name of functionNames())
    newest = Math.max(newest, statSync(path.join(FUNCTIONS_DIR, name, 'index.ts')).mtimeMs);
  return Math.max(newest, statSync(path.join(ROOT, 'package-lock.json')).mtimeMs);
}

/** Builds the functions whose bundle is missing or older than its sources; returns those it built. */
export async function buildIfStale(names: string[] = functionNames()): Promise<BuiltFunction[]> {
  const sources = newestSourceMtime();
  const stale = names.filter((name) => {
    const bundle = path.join(FUNCTIONS_DIR, name, 'index.js');
    return !existsSync(bundle) || statSync(bundle).mtimeMs < sources;
  });
  return buildAll(stale);
}
