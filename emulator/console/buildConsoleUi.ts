import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export const CONSOLE_UI_DIR = path.join(__dirname, 'ui');
export const CONSOLE_DIST_DIR = path.join(CONSOLE_UI_DIR, 'dist');
const ENTRY = path.join(CONSOLE_UI_DIR, 'src', 'main.tsx');
const OUTFILE = path.join(CONSOLE_DIST_DIR, 'console.js');

/**
 * Bundles the console's page (TypeScript + Preact) into one static `dist/console.js` with esbuild:
 * everything it runs is served by the emulator, nothing comes from elsewhere. Written by rename,
 * so emulators in parallel test workers never serve half a file. Answers the bytes written.
 */
export async function buildConsoleUi(): Promise<{ file: string; bytes: number }> {
  const result = await build({
    entryPoints: [ENTRY],
    outfile: OUTFILE,
    bundle: true,
    format: 'esm',
    target: ['chrome110', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'eof',
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(CONSOLE_DIST_DIR, { recursive: true });
  let bytes = 0;
  for (const output of result.outputFiles) {
    const temporary = `${output.path}.${process.pid}.tmp`;
    writeFileSync(temporary, output.contents);
    renameSync(temporary, output.path);
    if (output.path === OUTFILE) bytes = output.contents.length;
  }
  return { file: OUTFILE, bytes };
}

/** The bundle is missing, or older than a source of the page (or the lockfile: preact's version). */
export function consoleUiIsStale(): boolean {
  if (!existsSync(OUTFILE)) return true;
  const built = statSync(OUTFILE).mtimeMs;
  const lockfile = path.join(__dirname, '..', '..', 'package-lock.json');
  return newestMtime(path.join(CONSOLE_UI_DIR, 'src')) > built || statSync(lockfile).mtimeMs > built;
}

let ready: Promise<void> | undefined;

/** Builds the bundle once per process when it is stale (a fresh clone, an edited page). */
export function ensureConsoleUi(): Promise<void> {
  ready ??= (consoleUiIsStale() ? buildConsoleUi() : Promise.resolve()).then(() => undefined);
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}
