/**
 * `npm run deploy:ci -- --env ENV_ID --appid APPID --private-key PATH --functions-exist [options]`:
 * build, validate, then upload each function through miniprogram-ci (no DevTools, for CI). See
 * docs/deploy.md.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './build';
import { formatCommand } from './deploy/formatCommand';
import { APPID } from './deploy/identifiers';
import {
  CREATE_FIRST_HINT,
  locateMiniprogramCi,
  MINIPROGRAM_CI_INSTALL_HINT,
  uploadFunctionArgs,
} from './deploy/miniprogramCi';
import { reportToolRun } from './deploy/reportToolRun';
import { runTool } from './deploy/runTool';
import { COMMON_OPTIONS, EXIT_CODES, reportDryRun, startDeploy } from './deploy/startDeploy';
import { runCommand } from './lib/commandLine';

export const DEPLOY_CI = {
  command: 'npm run deploy:ci --',
  usage: '--env ENV_ID --appid APPID --private-key PATH --functions-exist [options]',
  summary: [
    'Builds and validates the cloud functions like `npm run deploy`, then uploads them one at a time',
    'through miniprogram-ci (install it yourself: docs/deploy.md). No DevTools needed, for CI.',
    EXIT_CODES,
  ].join('\n'),
  options: {
    ...COMMON_OPTIONS,
    appid: {
      kind: 'string',
      value: 'wx...',
      description: 'mini-program appid, wx + 16 hex digits (required)',
    },
    'private-key': {
      kind: 'path',
      value: 'PATH',
      description: 'code upload key file from 微信公众平台 (required)',
    },
    'functions-exist': {
      kind: 'boolean',
      description: 'confirm every function was created in DevTools (Node 16+, timeout >= 20 s)',
    },
    'allow-create': {
      kind: 'boolean',
      description: 'let miniprogram-ci create missing functions (Node 8.9, 3 s): not advised',
    },
  },
  examples: [
    'npm run deploy:ci -- --env prod-1a2b3c --appid wx0123456789abcdef --private-key ~/keys/upload.key --functions-exist',
    'npm run deploy:ci -- --env prod-1a2b3c --dry-run',
  ],
} as const;

export function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  return runCommand(
    DEPLOY_CI,
    async ({ options }) => {
      const missing: string[] = [];
      const appid = options.appid;
      if (appid === undefined || !APPID.test(appid)) {
        missing.push(
          `--appid is required: the mini-program appid, wx followed by 16 hex digits; got ${appid ?? 'nothing'}`,
        );
      }
      const key = options['private-key'];
      if (key === undefined) {
        missing.push('--private-key PATH is required (see docs/deploy.md: 小程序代码上传 key)');
      } else if (!existsSync(key) || !statSync(key).isFile()) {
        missing.push(`private key file ${key} does not exist`);
      }
      const context = await startDeploy('deploy:ci', options, missing);
      if (typeof context === 'number') return context;
      const { env, layout, names, dryRun, log, fail } = context;

      const allowCreate = options['allow-create'];
      if (!options['functions-exist'] && !allowCreate) {
        const refusal = `refusing to upload ${names.join(', ')} without --functions-exist.\n${CREATE_FIRST_HINT}`;
        if (!dryRun) return fail(refusal, 1);
        context.missing.push(refusal);
      }
      if (allowCreate) {
        log(
          `warning: --allow-create: a missing function will be created with Node.js 8.9 and a 3 s timeout.\n${CREATE_FIRST_HINT}`,
        );
      }

      const commands = names.map((name) =>
        uploadFunctionArgs({
          projectDir: layout.projectDir,
          appid: appid ?? '<APPID>',
          privateKeyPath: key ?? '<PATH>',
          env,
          name,
          functionDir: path.join(layout.functionsRoot, name),
          remoteNpmInstall: options['remote-npm-install'],
        }),
      );
      const bin = locateMiniprogramCi(ROOT);
      if (dryRun) {
        if (!bin.ok) context.missing.push(bin.message);
        const shown = bin.ok ? bin.path : 'miniprogram-ci';
        return reportDryRun(
          context,
          commands.map((args) => formatCommand(shown, args)),
        );
      }
      if (!bin.ok) return fail(bin.message, 1);

      // One at a time: the cloud rejects an upload while the same env is still updating another.
      for (const [index, args] of commands.entries()) {
        const name = names[index]!;
        log(`uploading ${name} (${bin.source}):\n  ${formatCommand(bin.path, args)}`);
        const run = await runTool(bin.path, args, {
          cwd: layout.projectDir,
          echo: (chunk) => process.stdout.write(chunk),
        });
        const verdict = reportToolRun('miniprogram-ci', bin.path, run, MINIPROGRAM_CI_INSTALL_HINT);
        if (!verdict.ok) {
          const done = names.slice(0, index);
          const left = names.slice(index + 1);
          return fail(
            `upload of ${name} failed: ${verdict.message}${done.length > 0 ? `\nalready uploaded: ${done.join(', ')}` : ''}${left.length > 0 ? `\nnot attempted: ${left.join(', ')}` : ''}`,
            1,
          );
        }
        log(`  uploaded ${name}`);
      }
      log(`uploaded ${names.join(', ')} to env ${env}`);
      return 0;
    },
    argv,
  );
}

if (require.main === module) void main();
