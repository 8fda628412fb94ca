/**
 * Checks one cloud function folder before it is uploaded, so that a deploy that "succeeds" cannot
 * ship a function that fails on its first call: the bundle loads on its own and exports `main`,
 * config.json grants the openapi permissions the function needs, package.json asks the cloud for
 * nothing it does not need.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFUSABLE_OPENAPI, type FunctionRequirement, requirementFor } from './functionRequirements';
import { probeBundle } from './probeBundle';

/** Left out of every bundle on purpose (scripts/build.ts): the SDK's dependencies only probe for them. */
const OPTIONAL_MODULES = new Set(['bufferutil', 'utf-8-validate', 'encoding', 'supports-color']);

export interface ValidationOptions {
  /** Dependencies in package.json are intended: the cloud installs them (`--remote-npm-install`). */
  remoteNpmInstall: boolean;
  requirement?: FunctionRequirement;
}

export interface FunctionReport {
  name: string;
  dir: string;
  /** Each one makes the deploy refuse. */
  problems: string[];
  /** Worth knowing, not fatal. */
  notes: string[];
  bundleBytes: number | null;
}

export async function validateFunction(
  functionsRoot: string,
  name: string,
  options: ValidationOptions,
): Promise<FunctionReport> {
  const dir = path.join(functionsRoot, name);
  const report: FunctionReport = { name, dir, problems: [], notes: [], bundleBytes: null };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    report.problems.push(`function folder ${dir} does not exist`);
    return report;
  }
  await checkBundle(dir, report);
  checkConfig(dir, options.requirement ?? requirementFor(name), report);
  checkPackage(dir, options.remoteNpmInstall, report);
  return report;
}

async function checkBundle(dir: string, report: FunctionReport): Promise<void> {
  const bundle = path.join(dir, 'index.js');
  if (!existsSync(bundle)) {
    const hint = existsSync(path.join(dir, 'index.ts')) ? ' (run `npm run build`)' : '';
    report.problems.push(`index.js missing: the bundle was not built${hint}`);
    return;
  }
  report.bundleBytes = statSync(bundle).size;
  const source = path.join(dir, 'index.ts');
  if (existsSync(source) && statSync(source).mtimeMs > statSync(bundle).mtimeMs) {
    report.notes.push('index.ts is newer than index.js: the bundle may be stale');
  }
  const probe = await probeBundle(dir);
  if (!probe.loaded) {
    const outside =
      probe.outside.length > 0
        ? ` (not bundled: ${[...new Set(probe.outside)].join(', ')}; the cloud has no node_modules for it)`
        : '';
    report.problems.push(`index.js does not load in a fresh Node process: ${probe.error}${outside}`);
  } else if (probe.mainType !== 'function') {
    report.problems.push(`index.js does not export main as a function (typeof main is '${probe.mainType}')`);
  }
  if (probe.network.length > 0) {
    report.problems.push(
      `loading index.js tried to use the network: ${[...new Set(probe.network)].join(', ')}`,
    );
  }
  for (const error of probe.asyncErrors) {
    report.problems.push(`loading index.js raised an ${error}`);
  }
  const unexpected = [...new Set(probe.outside)].filter((request) => !OPTIONAL_MODULES.has(request));
  if (probe.loaded && unexpected.length > 0) {
    report.notes.push(`modules not found while loading (fine if only probed for): ${unexpected.join(', ')}`);
  }
}

function checkConfig(dir: string, requirement: FunctionRequirement, report: FunctionReport): void {
  const file = path.join(dir, 'config.json');
  const wanted = JSON.stringify({ permissions: { openapi: requirement.openapi } });
  if (!existsSync(file)) {
    report.problems.push(`config.json missing: create it with ${wanted}`);
    return;
  }
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    report.problems.push(`config.json is not valid JSON: ${(error as Error).message}`);
    return;
  }
  const openapi = readOpenapi(config);
  if (openapi === 'invalid') {
    report.problems.push(
      `config.json: permissions.openapi must be an array of API names, for example ${wanted}`,
    );
    return;
  }
  for (const api of requirement.openapi) {
    if (openapi.includes(api)) continue;
    const confusable = CONFUSABLE_OPENAPI[api];
    const mixUp =
      confusable !== undefined && openapi.includes(confusable)
        ? ` (it grants ${confusable}, which is 行驶证 the vehicle licence, not 驾驶证 the driving licence)`
        : '';
    report.problems.push(
      `config.json does not grant the openapi permission ${api}${mixUp}: the cloud call would fail with errCode -604101; set ${wanted}`,
    );
  }
  const extra = openapi.filter((api) => !requirement.openapi.includes(api));
  if (extra.length > 0) {
    report.notes.push(
      `config.json grants openapi permissions the function does not need: ${extra.join(', ')}`,
    );
  }
}

function readOpenapi(config: unknown): string[] | 'invalid' {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return 'invalid';
  const permissions = (config as Record<string, unknown>).permissions;
  if (permissions === undefined) return [];
  if (typeof permissions !== 'object' || permissions === null) return 'invalid';
  const openapi = (permissions as Record<string, unknown>).openapi;
  if (openapi === undefined) return [];
  if (!Array.isArray(openapi) || !openapi.every((api) => typeof api === 'string')) return 'invalid';
  return openapi;
}

function checkPackage(dir: string, remoteNpmInstall: boolean, report: FunctionReport): void {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) {
    report.problems.push('package.json missing');
    return;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    report.problems.push(`package.json is not valid JSON: ${(error as Error).message}`);
    return;
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    report.problems.push('package.json is not a JSON object');
    return;
  }
  const record = manifest as Record<string, unknown>;
  // The cloud always runs index.main; a different `main` means the folder is laid out wrongly.
  if (record.main !== undefined && record.main !== 'index.js') {
    report.problems.push(`package.json main is ${JSON.stringify(record.main)}; the cloud runs index.js`);
  }
  const dependencies = record.dependencies;
  const names =
    typeof dependencies === 'object' && dependencies !== null ? Object.keys(dependencies as object) : [];
  if (names.length > 0 && !remoteNpmInstall) {
    report.problems.push(
      `package.json has dependencies (${names.join(', ')}): the bundle already contains what it needs, and uploading without a cloud npm install would leave them missing; remove them, or pass --remote-npm-install if they are intended`,
    );
  }
  if (existsSync(path.join(dir, 'node_modules')) && !remoteNpmInstall) {
    report.notes.push('node_modules/ exists in the function folder and would be uploaded with it');
  }
}
