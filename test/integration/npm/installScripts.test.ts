/**
 * `npm ci` prints no warning of this project's making: every dependency with an install script is
 * reviewed in package.json `allowScripts` (npm 11.16+), and onnxruntime-node's, which would
 * download GPU libraries (failing offline), is denied rather than skipped by an .npmrc key npm no
 * longer knows.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean }>;
};

describe('install scripts', () => {
  it('are each allowed or denied by name in allowScripts', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([where]) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length));

    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => !(name in pkg.allowScripts))).toEqual([]);
  });

  it("deny onnxruntime-node's GPU download, whose CPU binaries ship in the package", () => {
    expect(pkg.allowScripts['onnxruntime-node']).toBe(false);
    // Loading it loads the native CPU binding: nothing the denied script would have fetched is needed.
    const ort = require('onnxruntime-node') as { InferenceSession: { create: unknown } };
    expect(typeof ort.InferenceSession.create).toBe('function');
  });

  it('leave npm nothing to warn about: no unknown .npmrc key, no unreviewed script', async () => {
    expect(readFileSync(path.join(ROOT, '.npmrc'), 'utf8')).not.toMatch(/onnxruntime/);
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];

    const { stdout, stderr } = await promisify(execFile)('npm', ['install-scripts', 'ls'], {
      cwd: ROOT,
      env,
    });

    expect(stdout).toContain('No packages with unreviewed install scripts.');
    expect(stderr).not.toMatch(/npm warn/i);
  });
});
