/**
 * The part both deploy paths share: pick the functions, build them when they are this
 * repository's, validate every folder and print one report.
 */
import path from 'node:path';
import { buildIfStale, FUNCTIONS_DIR } from '../build';
import { listFunctionNames, type ProjectLayout } from './projectLayout';
import { type FunctionReport, validateFunction } from './validateFunction';

export interface PrepareOptions {
  layout: ProjectLayout;
  names: readonly string[] | undefined;
  build: boolean;
  remoteNpmInstall: boolean;
  log: (line: string) => void;
}

export type Prepared =
  | { ok: true; names: string[]; reports: FunctionReport[] }
  | { ok: false; usage: boolean; message: string; reports: FunctionReport[] };

export async function prepareFunctions(options: PrepareOptions): Promise<Prepared> {
  const { layout, log } = options;
  const available = listFunctionNames(layout.functionsRoot);
  const names = options.names === undefined ? available : [...new Set(options.names)];
  const unknown = names.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    return {
      ok: false,
      usage: true,
      reports: [],
      message: `no such function in ${layout.functionsRoot}: ${unknown.join(', ')} (found: ${available.join(', ') || 'none'})`,
    };
  }
  if (names.length === 0) {
    return {
      ok: false,
      usage: true,
      reports: [],
      message: `no cloud functions found in ${layout.functionsRoot}`,
    };
  }

  const ours = path.resolve(layout.functionsRoot) === path.resolve(FUNCTIONS_DIR);
  if (options.build && ours) {
    const buildable = names.filter((name) => listFunctionNames(FUNCTIONS_DIR).includes(name));
    const built = await buildIfStale(buildable);
    for (const fn of built) log(`built ${fn.name}/index.js ${(fn.bytes / 1024).toFixed(0)} KiB`);
    if (built.length < buildable.length) log('bundles newer than their sources are used as they are');
  } else if (options.build) {
    log(
      `not building: ${layout.functionsRoot} is not this repository's cloudfunctions/; validating the bundles as they are`,
    );
  }

  log(`validating ${names.length} function folder(s) in ${layout.functionsRoot}`);
  const reports: FunctionReport[] = [];
  for (const name of names) {
    const report = await validateFunction(layout.functionsRoot, name, {
      remoteNpmInstall: options.remoteNpmInstall,
    });
    reports.push(report);
    const size =
      report.bundleBytes === null ? '' : ` (index.js ${(report.bundleBytes / 1024).toFixed(0)} KiB)`;
    log(`  ${report.problems.length === 0 ? 'ok  ' : 'FAIL'} ${name}${size}`);
    for (const problem of report.problems) log(`       - ${problem}`);
    for (const note of report.notes) log(`       note: ${note}`);
  }
  const failed = reports.filter((report) => report.problems.length > 0);
  if (failed.length > 0) {
    return {
      ok: false,
      usage: false,
      reports,
      message: `validation failed for ${failed.map((report) => report.name).join(', ')}: nothing was deployed`,
    };
  }
  return { ok: true, names, reports };
}
