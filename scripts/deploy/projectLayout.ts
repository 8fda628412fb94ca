/**
 * Where a DevTools project keeps its cloud functions: `cloudfunctionRoot` in project.config.json,
 * else `<project>/cloudfunctions` (this repository has no project.config.json of its own).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ProjectLayout {
  /** Absolute project folder, as DevTools' `--project` and miniprogram-ci's `--pp` want it. */
  projectDir: string;
  functionsRoot: string;
  /** appid from project.config.json, when it has one. */
  appid: string | undefined;
  /** True when project.config.json names `functionsRoot`, so DevTools can find functions by name. */
  declaresFunctionsRoot: boolean;
  hasProjectConfig: boolean;
}

/** Folders under cloudfunctions/ that are not functions (shared code, tooling). */
const NOT_FUNCTIONS = new Set(['common', 'node_modules']);

export function readProjectLayout(projectDir: string): ProjectLayout {
  const absolute = path.resolve(projectDir);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new Error(`project folder ${absolute} does not exist`);
  }
  const configPath = path.join(absolute, 'project.config.json');
  if (!existsSync(configPath)) {
    return {
      projectDir: absolute,
      functionsRoot: path.join(absolute, 'cloudfunctions'),
      appid: undefined,
      declaresFunctionsRoot: false,
      hasProjectConfig: false,
    };
  }
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(configPath, 'utf8'));
  } catch (error) {
    throw new Error(`${configPath} is not valid JSON: ${(error as Error).message}`);
  }
  const record = typeof config === 'object' && config !== null ? (config as Record<string, unknown>) : {};
  const root = typeof record.cloudfunctionRoot === 'string' ? record.cloudfunctionRoot : undefined;
  return {
    projectDir: absolute,
    functionsRoot: path.resolve(absolute, root ?? 'cloudfunctions'),
    appid: typeof record.appid === 'string' && record.appid !== '' ? record.appid : undefined,
    declaresFunctionsRoot: root !== undefined,
    hasProjectConfig: true,
  };
}

/** Every folder that looks like a function: it has a source, a bundle or a manifest. */
export function listFunctionNames(functionsRoot: string): string[] {
  if (!existsSync(functionsRoot)) return [];
  return readdirSync(functionsRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !NOT_FUNCTIONS.has(entry.name) && !/^[._]/.test(entry.name))
    .filter((entry) =>
      ['index.ts', 'index.js', 'package.json'].some((file) =>
        existsSync(path.join(functionsRoot, entry.name, file)),
      ),
    )
    .map((entry) => entry.name)
    .sort();
}
