/**
 * `npm run deploy -- --env ENV_ID [options]`: build, validate every function folder, then upload
 * through WeChat DevTools' CLI. See docs/deploy.md.
 */

import { DEFAULT_CLI_PATHS, devtoolsDeployArgs, INSTALL_HINT, locateDevtoolsCli } from './deploy/devtoolsCli';
import { formatCommand } from './deploy/formatCommand';
import { reportToolRun } from './deploy/reportToolRun';
import { runTool } from './deploy/runTool';
import { COMMON_OPTIONS, EXIT_CODES, reportDryRun, startDeploy } from './deploy/startDeploy';
import { runCommand } from './lib/commandLine';

export const DEPLOY = {
  command: 'npm run deploy --',
  usage: '--env ENV_ID [options]',
  summary: [
    'Builds the cloud functions, validates every function folder (bundle loads alone, config.json grants',
    "ocr.driverLicense, no dependencies to install) and uploads them through WeChat DevTools' CLI.",
    EXIT_CODES,
  ].join('\n'),
  options: {
    ...COMMON_OPTIONS,
    appid: {
      kind: 'string',
      value: 'wx...',
      description: "the mini-program's appid, when project.config.json has none or touristappid",
    },
  },
  examples: [
    'npm run deploy -- --env prod-1a2b3c',
    'npm run deploy -- --env prod-1a2b3c --names ocrDriverLicense --dry-run',
  ],
} as const;

const APPID_PLACEHOLDER = '<your mini-program appid>';

export function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  return runCommand(
    DEPLOY,
    async ({ options }) => {
      const context = await startDeploy('deploy', options, []);
      if (typeof context === 'number') return context;
      const { env, layout, names, dryRun, log, fail } = context;

      let planned = devtoolsDeployArgs({
        env,
        names,
        layout,
        appid: options.appid,
        remoteNpmInstall: options['remote-npm-install'],
      });
      if (!planned.ok) {
        if (!dryRun) return fail(planned.message, 2);
        context.missing.push(planned.message);
        planned = devtoolsDeployArgs({
          env,
          names,
          layout,
          appid: APPID_PLACEHOLDER,
          remoteNpmInstall: options['remote-npm-install'],
        });
        if (!planned.ok) return fail(planned.message, 2);
      }
      const cli = locateDevtoolsCli();
      if (dryRun) {
        const shown = cli.ok
          ? cli.path
          : (process.env.WECHAT_DEVTOOLS_CLI ?? DEFAULT_CLI_PATHS[process.platform] ?? 'cli');
        if (!cli.ok) context.missing.push(cli.message);
        return reportDryRun(context, [formatCommand(shown, planned.args)]);
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
    },
    argv,
  );
}

if (require.main === module) void main();
