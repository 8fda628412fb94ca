/**
 * Test harness for the deploy scripts: temporary projects with function folders, fake external
 * tools that record how they were called, and the scripts run as real child processes.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');

export const GOOD_BUNDLE = 'exports.main = async (event) => ({ ok: true, event });\n';

export interface FunctionFixture {
  name: string;
  /** index.js text; null leaves it out. */
  bundle?: string | null;
  /** config.json text; null leaves it out; default grants what the function needs. */
  config?: string | null;
  /** package.json text; null leaves it out. */
  pkg?: string | null;
}

const DEFAULT_CONFIGS: Record<string, string> = {
  ocrDriverLicense: '{"permissions":{"openapi":["ocr.driverLicense"]}}',
  driverLicenses: '{"permissions":{"openapi":[]}}',
};

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface ProjectOptions {
  /** project.config.json contents; null writes none. */
  projectConfig?: Record<string, unknown> | null;
  functions: FunctionFixture[];
}

export const APPID = 'wx0123456789abcdef';

export function writeProject(
  dir: string,
  options: ProjectOptions,
): { projectDir: string; functionsRoot: string } {
  const projectConfig =
    options.projectConfig === undefined
      ? { appid: APPID, cloudfunctionRoot: 'cloudfunctions/', miniprogramRoot: 'miniprogram/' }
      : options.projectConfig;
  if (projectConfig !== null)
    writeFileSync(path.join(dir, 'project.config.json'), JSON.stringify(projectConfig));
  const functionsRoot = path.join(dir, 'cloudfunctions');
  for (const fn of options.functions) writeFunction(functionsRoot, fn);
  return { projectDir: dir, functionsRoot };
}

export function writeFunction(functionsRoot: string, fn: FunctionFixture): string {
  const dir = path.join(functionsRoot, fn.name);
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string | null> = {
    'index.js': fn.bundle === undefined ? GOOD_BUNDLE : fn.bundle,
    'config.json': fn.config === undefined ? (DEFAULT_CONFIGS[fn.name] ?? '{}') : fn.config,
    'package.json':
      fn.pkg === undefined ? JSON.stringify({ name: fn.name, version: '1.0.0', main: 'index.js' }) : fn.pkg,
  };
  for (const [file, text] of Object.entries(files)) {
    if (text !== null) writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

export interface ToolCall {
  argv: string[];
  cwd: string;
}

export interface FakeTool {
  path: string;
  calls: () => ToolCall[];
}

export interface FakeBehaviour {
  exitCode: number;
  stdout?: string;
  stderr?: string;
}

/** An executable Node script that appends its argv and cwd to a log and answers as told. */
export function writeFakeTool(dir: string, name: string, behaviour: FakeBehaviour): FakeTool {
  const file = path.join(dir, name);
  const log = path.join(dir, `${name}.calls.jsonl`);
  const script = [
    `#!${process.execPath}`,
    `const fs = require('node:fs');`,
    `fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd() }) + '\\n');`,
    `process.stdout.write(${JSON.stringify(behaviour.stdout ?? '')});`,
    `process.stderr.write(${JSON.stringify(behaviour.stderr ?? '')});`,
    `process.exitCode = ${behaviour.exitCode};`,
    '',
  ].join('\n');
  writeFileSync(file, script);
  chmodSync(file, 0o755);
  return {
    path: file,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as ToolCall)
        : [],
  };
}

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs scripts/<script>.ts through tsx in a child process, as `npm run deploy` would. */
export function runScript(
  script: 'deploy' | 'deployCi',
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<ScriptRun> {
  const base = { ...process.env };
  delete base.WECHAT_DEVTOOLS_CLI;
  delete base.MINIPROGRAM_CI_BIN;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts', `${script}.ts`), ...args],
      {
        cwd: ROOT,
        env: { ...base, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
