import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Reply } from '../http/types';
import { CONSOLE_DIST_DIR, CONSOLE_UI_DIR, ensureConsoleUi } from './buildConsoleUi';

/**
 * Nothing but this emulator: no inline script, no remote script, style, font or connection. The
 * page may not be framed (a framing page could trick clicks on delete).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const FILES: Record<string, { file: () => string; type: string; built?: true }> = {
  '': { file: () => path.join(CONSOLE_UI_DIR, 'index.html'), type: 'text/html; charset=utf-8' },
  'console.css': { file: () => path.join(CONSOLE_UI_DIR, 'console.css'), type: 'text/css; charset=utf-8' },
  'console.js': {
    file: () => path.join(CONSOLE_DIST_DIR, 'console.js'),
    type: 'text/javascript; charset=utf-8',
    built: true,
  },
  'console.js.map': {
    file: () => path.join(CONSOLE_DIST_DIR, 'console.js.map'),
    type: 'application/json; charset=utf-8',
    built: true,
  },
};

/** Noto Sans SC from its npm package: Chinese text reads the same on a machine with no CJK font. */
const FONT_PACKAGE = '@fontsource/noto-sans-sc';
const FONT_FILE = /^fonts\/(noto-sans-sc-[a-z0-9-]+-400-normal\.woff2)$/;

/** A file of the console's page, by its name under `/__emulator/ui/`; undefined: no such file. */
export async function staticFile(name: string): Promise<Reply | undefined> {
  const known = FILES[name];
  if (known) {
    if (known.built) await ensureConsoleUi();
    return ok(readFileSync(known.file()), known.type);
  }
  if (name === 'fonts.css') return ok(fontFaces(), 'text/css; charset=utf-8');
  const font = FONT_FILE.exec(name)?.[1];
  const dir = fontDir();
  if (font && dir && existsSync(path.join(dir, font))) {
    return ok(readFileSync(path.join(dir, font)), 'font/woff2', 'max-age=86400');
  }
  return undefined;
}

function ok(body: Buffer | string, type: string, cache = 'no-store'): Reply {
  return {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': cache },
    body,
  };
}

let faces: string | undefined;

/** The package's 400-weight faces, each limited to its unicode range, pointing at our own route. */
function fontFaces(): string {
  if (faces !== undefined) return faces;
  const dir = fontDir();
  const css = dir ? readFileSync(path.join(dir, '..', '400.css'), 'utf8') : '';
  faces = css.replace(
    /src: url\(\.\/files\/([\w-]+\.woff2)\) format\('woff2'\)(?:, url\([^)]*\) format\('woff'\))?;/g,
    "src: url(fonts/$1) format('woff2');",
  );
  return faces;
}

function fontDir(): string | undefined {
  try {
    return path.join(path.dirname(require.resolve(`${FONT_PACKAGE}/package.json`)), 'files');
  } catch {
    return undefined; // a development dependency: without it the page falls back to system fonts
  }
}
