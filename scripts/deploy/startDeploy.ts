/**
 * What `npm run deploy` and `npm run deploy:ci` do alike before their tool runs: parse options,
 * answer --help, check --env (and the command's own required options), read the project, then
 * build and validate the function folders.
 */
import { ROOT } from '../build';
import { ENV_ID } from './identifiers';
import {
  flag,
  listOption,
  type OptionSpecs,
  type ParsedOptions,
  parseArgs,
  stringOption,
  UsageError,
  usage,
} from './parseArgs';
import { prepareFunctions } from './prepareFunctions';
import { type ProjectLayout, readProjectLayout } from './projectLayout';

/** The options both commands take; each adds its own. */
export const COMMON_OPTIONS: OptionSpecs = {
  env: { kind: 'string', description: 'cloud environment id (required)' },
  names: { kind: 'list', description: 'functions to deploy, comma-separated (default: all)' },
  project: { kind: 'string', description: 'project folder (default: this repository)' },
  'dry-run': { kind: 'boolean', description: 'validate and print the command(s), run nothing' },
  'no-build': { kind: 'boolean', description: 'do not rebuild the bundles first' },
  'remote-npm-install': {
    kind: 'boolean',
    description: 'let the cloud npm install package.json dependencies',
  },
  help: { kind: 'boolean', description: 'show this help' },
};

export interface DeployContext {
  options: ParsedOptions;
  env: string;
  layout: ProjectLayout;
  /** The validated functions to deploy. */
  names: string[];
  dryRun: boolean;
  remoteNpmInstall: boolean;
  log(line: string): void;
  /** Prints `<command>: message` to stderr and returns the exit code to use. */
  fail(message: string, code: number): number;
}

export interface DeployCommand {
  /** `deploy` or `deploy:ci`: the prefix of every error line. */
  command: string;
  usageLine: string;
  options: OptionSpecs;
  /** The command's own required options; returns an exit code to stop with, or undefined. */
  check?(options: ParsedOptions, fail: DeployContext['fail']): number | undefined;
}

/** Exit code (0 for --help, 2 for usage, 1 for a failed validation) or the context to deploy with. */
export async function startDeploy(
  argv: readonly string[],
  spec: DeployCommand,
): Promise<number | DeployContext> {
  const log = (line: string): void => console.log(line);
  const fail = (message: string, code: number): number => {
    console.error(`${spec.command}: ${message}`);
    return code;
  };
  let options: ParsedOptions;
  try {
    options = parseArgs(argv, spec.options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return fail(`${error.message}\n${usage(spec.usageLine, spec.options)}`, 2);
  }
  if (flag(options, 'help')) {
    log(usage(spec.usageLine, spec.options));
    return 0;
  }
  const env = stringOption(options, 'env');
  if (env === undefined || !ENV_ID.test(env)) {
    return fail(
      `--env ENV_ID is required (the cloud environment id, e.g. prod-1a2b3c), got ${env ?? 'nothing'}`,
      2,
    );
  }
  const stop = spec.check?.(options, fail);
  if (stop !== undefined) return stop;
  let layout: ProjectLayout;
  try {
    layout = readProjectLayout(stringOption(options, 'project') ?? ROOT);
  } catch (error) {
    return fail((error as Error).message, 2);
  }
  const remoteNpmInstall = flag(options, 'remote-npm-install');
  const prepared = await prepareFunctions({
    layout,
    names: listOption(options, 'names'),
    build: !flag(options, 'no-build'),
    remoteNpmInstall,
    log,
  });
  if (!prepared.ok) return fail(prepared.message, prepared.usage ? 2 : 1);
  return {
    options,
    env,
    layout,
    names: prepared.names,
    dryRun: flag(options, 'dry-run'),
    remoteNpmInstall,
    log,
    fail,
  };
}
