/**
 * `npm run deploy -- --env ENV_ID [--names a,b] [--dry-run] [--project DIR]`: build, validate every
 * function folder, then upload through WeChat DevTools' CLI. Exits 0 on success, 1 when validation
 * or the upload fails, 2 on a usage error. See docs/deploy.md.
 */
import { DEFAULT_CLI_PATHS, devtoolsDeployArgs, INSTALL_HINT, locateDevtoolsCli } from './deploy/devtoolsCli';
import { formatCommand } from './deploy/formatCommand';
import { type OptionSpecs, stringOption } from './deploy/parseArgs';
import { reportToolRun } from './deploy/reportToolRun';
import { runTool } from './deploy/runTool';
import { COMMON_OPTIONS, startDeploy } from './deploy/startDeploy';

const OPTIONS: OptionSpecs = {
  ...COMMON_OPTIONS,
  appid: {
    kind: 'string',
    description: 'mini-program appid, needed when the project has no project.config.json',
  },
};

export async function main(argv: readonly string[]): Promise<number> {
  const started = await startDeploy(argv, {
    command: 'deploy',
    usageLine: 'npm run deploy -- --env ENV_ID [options]',
    options: OPTIONS,
  });
  if (typeof started === 'number') return started;
  const { options, env, layout, names, dryRun, remoteNpmInstall, log, fail } = started;

  const planned = devtoolsDeployArgs({
    env,
    names,
    layout,
    appid: stringOption(options, 'appid'),
    remoteNpmInstall,
  });
  if (!planned.ok) return fail(planned.message, 2);
  const cli = locateDevtoolsCli();
  if (dryRun) {
    const shown = cli.ok
      ? cli.path
      : (process.env.WECHAT_DEVTOOLS_CLI ?? DEFAULT_CLI_PATHS[process.platform] ?? 'cli');
    log(`dry run: would run\n  ${formatCommand(shown, planned.args)}`);
    if (!cli.ok) log(`note: ${cli.message}`);
    return 0;
  }
  if (!cli.ok) return fail(cli.message, 1);
  log(`running (${cli.source}):\n  ${formatCommand(cli.path, planned.args)}`);
  const run = await runTool(cli.path, planned.args, {
    cwd: layout.projectDir,
    echo: (chunk) => process.stdout.write(chunk),
  });
  const verdict = reportToolRun('WeChat DevTools CLI', cli.path, run, INSTALL_HINT);
  if (!verdict.ok) return fail(verdict.message, 1);
  log(`deployed ${names.join(', ')} to env ${env}`);
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
