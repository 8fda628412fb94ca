/**
 * What `npm run deploy` and `npm run deploy:ci` do alike before their tool runs: check --env (and
 * the command's own required options), read the project, then build and validate the function
 * folders. A dry run goes on past a missing setting, so that it can show the command it would run
 * and list everything a real run still needs.
 */
import { ROOT } from '../build';
import { type OptionSpecs, type ParsedOptions, UsageError } from '../lib/commandLine';
import { ENV_ID } from './identifiers';
import { prepareFunctions } from './prepareFunctions';
import { type ProjectLayout, readProjectLayout } from './projectLayout';

/** The options both commands take; each adds its own. */
export const COMMON_OPTIONS = {
  env: { kind: 'string', value: 'ENV_ID', description: 'cloud environment id (required)' },
  names: { kind: 'list', value: 'a,b', description: 'functions to deploy (default: all)' },
  project: { kind: 'path', value: 'DIR', description: 'project folder (default: this repository)' },
  'dry-run': {
    kind: 'boolean',
    description: 'build, validate and print the command(s) with what is missing; upload nothing',
  },
  'no-build': { kind: 'boolean', description: 'do not rebuild the bundles first' },
  'remote-npm-install': {
    kind: 'boolean',
    description: 'let the cloud npm install package.json dependencies',
  },
} as const satisfies OptionSpecs;

export type CommonOptions = ParsedOptions<typeof COMMON_OPTIONS>;

/** The last line of both commands' --help summary. */
export const EXIT_CODES =
  'Exit codes: 0 done (or a dry run shown), 1 validation or an upload failed, 2 usage error.';

/** A placeholder for an identifier a dry run does not have yet. */
export const PLACEHOLDER_ENV = '<ENV_ID>';

export interface DeployContext {
  env: string;
  layout: ProjectLayout;
  /** The validated functions to deploy. */
  names: string[];
  dryRun: boolean;
  /** What a real run would refuse to go without (only a dry run gets this far with any). */
  missing: string[];
  log(line: string): void;
  /** Prints `<command>: message` to stderr and returns the exit code to use. */
  fail(message: string, code: number): number;
}

/**
 * Exit code (2 for usage, 1 for a failed validation) or the context to deploy with. `missing` are
 * the command's own unmet requirements: a usage error, except in a dry run.
 */
export async function startDeploy(
  command: string,
  options: CommonOptions,
  missing: string[],
): Promise<number | DeployContext> {
  const log = (line: string): void => console.log(line);
  const fail = (message: string, code: number): number => {
    console.error(`${command}: ${message}`);
    return code;
  };
  const dryRun = options['dry-run'];
  let env = options.env;
  if (env === undefined || !ENV_ID.test(env)) {
    missing.unshift(
      `--env ENV_ID is required (the cloud environment id, e.g. prod-1a2b3c), got ${env ?? 'nothing'}`,
    );
    env = PLACEHOLDER_ENV;
  }
  if (missing.length > 0 && !dryRun) throw new UsageError(missing.join('\n'));
  let layout: ProjectLayout;
  try {
    layout = readProjectLayout(options.project ?? ROOT);
  } catch (error) {
    return fail((error as Error).message, 2);
  }
  const prepared = await prepareFunctions({
    layout,
    names: options.names,
    build: !options['no-build'],
    remoteNpmInstall: options['remote-npm-install'],
    log,
  });
  if (!prepared.ok) return fail(prepared.message, prepared.usage ? 2 : 1);
  return { env, layout, names: prepared.names, dryRun, missing, log, fail };
}

/** A dry run's last words: the command(s) it would run, and what a real run still needs. */
export function reportDryRun(context: DeployContext, commands: string[]): number {
  context.log(`dry run: would run\n${commands.map((line) => `  ${line}`).join('\n')}`);
  if (context.missing.length > 0) {
    context.log(
      `missing before a real deploy:\n${context.missing.map((line) => `  - ${line.replaceAll('\n', '\n    ')}`).join('\n')}`,
    );
  } else {
    context.log('nothing missing: run it again without --dry-run to deploy');
  }
  return 0;
}
