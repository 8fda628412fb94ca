/**
 * `npm run deploy:ci -- --env ENV_ID --appid APPID --private-key PATH [--names a,b] --functions-exist`:
 * build, validate, then upload each function through miniprogram-ci (no DevTools needed, for CI).
 * Exits 0 on success, 1 when validation or an upload fails, 2 on a usage error. See docs/deploy.md.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './build';
import { formatCommand } from './deploy/formatCommand';
import { APPID, ENV_ID } from './deploy/identifiers';
import {
  CREATE_FIRST_HINT,
  locateMiniprogramCi,
  MINIPROGRAM_CI_INSTALL_HINT,
  uploadFunctionArgs,
} from './deploy/miniprogramCi';
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
  appid: { kind: 'string', description: 'mini-program appid, wx + 16 hex digits (required)' },
  'private-key': { kind: 'string', description: 'code upload key file from 微信公众平台 (required)' },
  names: { kind: 'list', description: 'functions to upload, comma-separated (default: all)' },
  project: { kind: 'string', description: 'project folder (default: this repository)' },
  'functions-exist': {
    kind: 'boolean',
    description: 'confirm every function was created in DevTools (Node 16+, timeout >= 20 s)',
  },
  'allow-create': {
    kind: 'boolean',
    description: 'let miniprogram-ci create missing functions (Node 8.9, 3 s): not advised',
  },
  'dry-run': { kind: 'boolean', description: 'validate and print the commands, run nothing' },
  'no-build': { kind: 'boolean', description: 'do not rebuild the bundles first' },
  'remote-npm-install': {
    kind: 'boolean',
    description: 'let the cloud npm install package.json dependencies',
  },
  help: { kind: 'boolean', description: 'show this help' },
};

const USAGE = 'npm run deploy:ci -- --env ENV_ID --appid APPID --private-key PATH [options]';

export async function main(argv: readonly string[]): Promise<number> {
  const log = (line: string): void => console.log(line);
  const fail = (message: string, code: number): number => {
    console.error(`deploy:ci: ${message}`);
    return code;
  };
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv, OPTIONS);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return fail(`${error.message}\n${usage(USAGE, OPTIONS)}`, 2);
  }
  if (flag(options, 'help')) {
    log(usage(USAGE, OPTIONS));
    return 0;
  }
  const env = stringOption(options, 'env');
  if (env === undefined || !ENV_ID.test(env))
    return fail(`--env ENV_ID is required, got ${env ?? 'nothing'}`, 2);
  const appid = stringOption(options, 'appid');
  if (appid === undefined || !APPID.test(appid)) {
    return fail(
      `--appid is required: the mini-program appid, wx followed by 16 hex digits; got ${appid ?? 'nothing'}`,
      2,
    );
  }
  const keyOption = stringOption(options, 'private-key');
  if (keyOption === undefined)
    return fail('--private-key PATH is required (see docs/deploy.md: 小程序代码上传 key)', 2);
  const privateKeyPath = path.resolve(keyOption);
  if (!existsSync(privateKeyPath) || !statSync(privateKeyPath).isFile()) {
    return fail(`private key file ${privateKeyPath} does not exist`, 2);
  }
  let layout: ReturnType<typeof readProjectLayout>;
  try {
    layout = readProjectLayout(stringOption(options, 'project') ?? ROOT);
  } catch (error) {
    return fail((error as Error).message, 2);
  }
  const remoteNpmInstall = flag(options, 'remote-npm-install');
  const dryRun = flag(options, 'dry-run');

  const prepared = await prepareFunctions({
    layout,
    names: listOption(options, 'names'),
    build: !flag(options, 'no-build'),
    remoteNpmInstall,
    log,
  });
  if (!prepared.ok) return fail(prepared.message, prepared.usage ? 2 : 1);

  const allowCreate = flag(options, 'allow-create');
  if (!flag(options, 'functions-exist') && !allowCreate) {
    return fail(
      `refusing to upload ${prepared.names.join(', ')} without --functions-exist.\n${CREATE_FIRST_HINT}`,
      1,
    );
  }
  if (allowCreate) {
    log(
      `warning: --allow-create: a missing function will be created with Node.js 8.9 and a 3 s timeout.\n${CREATE_FIRST_HINT}`,
    );
  }

  const commands = prepared.names.map((name) =>
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
    const name = prepared.names[index]!;
    log(`uploading ${name} (${bin.source}):\n  ${formatCommand(bin.path, args)}`);
    const run = await runTool(bin.path, args, {
      cwd: layout.projectDir,
      echo: (chunk) => process.stdout.write(chunk),
    });
    const verdict = reportToolRun('miniprogram-ci', bin.path, run, MINIPROGRAM_CI_INSTALL_HINT);
    if (!verdict.ok) {
      const done = prepared.names.slice(0, index);
      const left = prepared.names.slice(index + 1);
      return fail(
        `upload of ${name} failed: ${verdict.message}${done.length > 0 ? `\nalready uploaded: ${done.join(', ')}` : ''}${left.length > 0 ? `\nnot attempted: ${left.join(', ')}` : ''}`,
        1,
      );
    }
    log(`  uploaded ${name}`);
  }
  log(`uploaded ${prepared.names.join(', ')} to env ${env}`);
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
