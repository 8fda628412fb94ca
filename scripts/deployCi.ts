/**
 * `npm run deploy:ci -- --env ENV_ID --appid APPID --private-key PATH [--names a,b] --functions-exist`:
 * build, validate, then upload each function through miniprogram-ci (no DevTools needed, for CI).
 * Exits 0 on success, 1 when validation or an upload fails, 2 on a usage error. See docs/deploy.md.
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
import { flag, type OptionSpecs, stringOption } from './deploy/parseArgs';
import { reportToolRun } from './deploy/reportToolRun';
import { runTool } from './deploy/runTool';
import { COMMON_OPTIONS, startDeploy } from './deploy/startDeploy';

const OPTIONS: OptionSpecs = {
  ...COMMON_OPTIONS,
  appid: { kind: 'string', description: 'mini-program appid, wx + 16 hex digits (required)' },
  'private-key': { kind: 'string', description: 'code upload key file from 微信公众平台 (required)' },
  'functions-exist': {
    kind: 'boolean',
    description: 'confirm every function was created in DevTools (Node 16+, timeout >= 20 s)',
  },
  'allow-create': {
    kind: 'boolean',
    description: 'let miniprogram-ci create missing functions (Node 8.9, 3 s): not advised',
  },
};

const USAGE = 'npm run deploy:ci -- --env ENV_ID --appid APPID --private-key PATH [options]';

export async function main(argv: readonly string[]): Promise<number> {
  const started = await startDeploy(argv, {
    command: 'deploy:ci',
    usageLine: USAGE,
    options: OPTIONS,
    check(options, fail) {
      const appid = stringOption(options, 'appid');
      if (appid === undefined || !APPID.test(appid)) {
        return fail(
          `--appid is required: the mini-program appid, wx followed by 16 hex digits; got ${appid ?? 'nothing'}`,
          2,
        );
      }
      const key = stringOption(options, 'private-key');
      if (key === undefined)
        return fail('--private-key PATH is required (see docs/deploy.md: 小程序代码上传 key)', 2);
      const resolved = path.resolve(key);
      if (!existsSync(resolved) || !statSync(resolved).isFile()) {
        return fail(`private key file ${resolved} does not exist`, 2);
      }
      return undefined;
    },
  });
  if (typeof started === 'number') return started;
  const { options, env, layout, names, dryRun, remoteNpmInstall, log, fail } = started;
  const appid = stringOption(options, 'appid') ?? '';
  const privateKeyPath = path.resolve(stringOption(options, 'private-key') ?? '');

  const allowCreate = flag(options, 'allow-create');
  if (!flag(options, 'functions-exist') && !allowCreate) {
    return fail(`refusing to upload ${names.join(', ')} without --functions-exist.\n${CREATE_FIRST_HINT}`, 1);
  }
  if (allowCreate) {
    log(
      `warning: --allow-create: a missing function will be created with Node.js 8.9 and a 3 s timeout.\n${CREATE_FIRST_HINT}`,
    );
  }

  const commands = names.map((name) =>
    uploadFunctionArgs({
      projectDir: layout.projectDir,
      appid,
      privateKeyPath,
      env,
      name,
      functionDir: path.join(layout.functionsRoot, name),
      remoteNpmInstall,
    }),
  );
  const bin = locateMiniprogramCi(ROOT);
  if (dryRun) {
    const shown = bin.ok ? bin.path : 'miniprogram-ci';
    log(`dry run: would run\n${commands.map((args) => `  ${formatCommand(shown, args)}`).join('\n')}`);
    if (!bin.ok) log(`note: ${bin.message}`);
    return 0;
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
