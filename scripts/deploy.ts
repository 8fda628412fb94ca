/**
 * `npm run deploy -- --env ENV_ID [--names a,b] [--dry-run] [--project DIR]`: build, validate every
 * function folder, then upload through WeChat DevTools' CLI. Exits 0 on success, 1 when validation
 * or the upload fails, 2 on a usage error. See docs/deploy.md.
 */
import { ROOT } from './build';
import { DEFAULT_CLI_PATHS, devtoolsDeployArgs, INSTALL_HINT, locateDevtoolsCli } from './deploy/devtoolsCli';
import { formatCommand } from './deploy/formatCommand';
import { ENV_ID } from './deploy/identifiers';
import {
  flag,
  listOption,
  type OptionSpecs,
  parseArgs,
  stringOption,
  UsageError,
  usage,
} from './deploy/parseArgs';
import { prepareFunctions } from './deploy/prepareFunctions';
import { readProjectLayout } from './deploy/projectLayout';
import { reportToolRun } from './deploy/reportToolRun';
import { runTool } from './deploy/runTool';

const OPTIONS: OptionSpecs = {
  env: { kind: 'string', description: 'cloud environment id (required)' },
  names: { kind: 'list', description: 'functions to deploy, comma-separated (default: all)' },
  project: { kind: 'string', description: 'project folder (default: this repository)' },
  appid: {
    kind: 'string',
    description: 'mini-program appid, needed when the project has no project.config.json',
  },
  'dry-run': { kind: 'boolean', description: 'validate and print the command, run nothing' },
  'no-build': { kind: 'boolean', description: 'do not rebuild the bundles first' },
  'remote-npm-install': {
    kind: 'boolean',
    description: 'let the cloud npm install package.json dependencies',
  },
  help: { kind: 'boolean', description: 'show this help' },
};

export async function main(argv: readonly string[]): Promise<number> {
  const log = (line: string): void => console.log(line);
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv, OPTIONS);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`deploy: ${error.message}\n${usage('npm run deploy -- --env ENV_ID [options]', OPTIONS)}`);
    return 2;
  }
  if (flag(options, 'help')) {
    log(usage('npm run deploy -- --env ENV_ID [options]', OPTIONS));
    return 0;
  }
  const env = stringOption(options, 'env');
  if (env === undefined || !ENV_ID.test(env)) {
    console.error(
      `deploy: --env ENV_ID is required (the cloud environment id, e.g. prod-1a2b3c), got ${env ?? 'nothing'}`,
    );
    return 2;
  }
  let layout: ReturnType<typeof readProjectLayout>;
  try {
    layout = readProjectLayout(stringOption(options, 'project') ?? ROOT);
  } catch (error) {
    console.error(`deploy: ${(error as Error).message}`);
    return 2;
  }
  const dryRun = flag(options, 'dry-run');
  const remoteNpmInstall = flag(options, 'remote-npm-install');

  const prepared = await prepareFunctions({
    layout,
    names: listOption(options, 'names'),
    build: !flag(options, 'no-build'),
    remoteNpmInstall,
    log,
  });
  if (!prepared.ok) {
    console.error(`deploy: ${prepared.message}`);
    return prepared.usage ? 2 : 1;
  }

  const planned = devtoolsDeployArgs({
    env,
    names: prepared.names,
    layout,
    appid: stringOption(options, 'appid'),
    remoteNpmInstall,
  });
  if (!planned.ok) {
    console.error(`deploy: ${planned.message}`);
    return 2;
  }
  const cli = locateDevtoolsCli();
  if (dryRun) {
    const shown = cli.ok
      ? cli.path
      : (process.env.WECHAT_DEVTOOLS_CLI ?? DEFAULT_CLI_PATHS[process.platform] ?? 'cli');
    log(`dry run: would run\n  ${formatCommand(shown, planned.args)}`);
    if (!cli.ok) log(`note: ${cli.message}`);
    return 0;
  }
  if (!cli.ok) {
    console.error(`deploy: ${cli.message}`);
    return 1;
  }
  log(`running (${cli.source}):\n  ${formatCommand(cli.path, planned.args)}`);
  const run = await runTool(cli.path, planned.args, {
    cwd: layout.projectDir,
    echo: (chunk) => process.stdout.write(chunk),
  });
  const verdict = reportToolRun('WeChat DevTools CLI', cli.path, run, INSTALL_HINT);
  if (!verdict.ok) {
    console.error(`deploy: ${verdict.message}`);
    return 1;
  }
  log(`deployed ${prepared.names.join(', ')} to env ${env}`);
  log(
    'check once per function in the console: runtime Node.js 16+, timeout >= 20 s, memory >= 256 MB (docs/deploy.md)',
  );
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
