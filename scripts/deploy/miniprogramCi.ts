/**
 * miniprogram-ci (npm, 2.1.x): where its executable is and the exact upload command.
 *
 * `miniprogram-ci cloud functions upload --pp <project> --appid <appid> --pkp <key> --env <env>
 *  --name <function> --path <folder> --remote-npm-install <true|false>` uploads one function.
 * It has no command that lists functions, and when the named function does not exist it creates it
 * with runtime Nodejs8.9, a 3 s timeout and 256 MB before uploading the code: a node16 bundle that
 * then times out or fails to parse. Hence the existence gate in deployCi.ts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const MINIPROGRAM_CI_VERSION = '2.1.42';

export const MINIPROGRAM_CI_INSTALL_HINT = [
  `miniprogram-ci is not installed (it is large: about 1,100 packages, 275 MB, so this project does not depend on it).`,
  `Install it once outside the project and point MINIPROGRAM_CI_BIN at it, for example:`,
  `  npm i -g miniprogram-ci@${MINIPROGRAM_CI_VERSION} && export MINIPROGRAM_CI_BIN="$(npm prefix -g)/bin/miniprogram-ci"`,
  `or install it into this checkout only: npm i --no-save miniprogram-ci@${MINIPROGRAM_CI_VERSION} (node_modules/.bin/miniprogram-ci is found by default).`,
].join('\n');

export type BinLocation = { ok: true; path: string; source: string } | { ok: false; message: string };

export function locateMiniprogramCi(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  exists: (file: string) => boolean = existsSync,
): BinLocation {
  const fromEnv = env.MINIPROGRAM_CI_BIN;
  if (fromEnv !== undefined && fromEnv !== '') {
    return exists(fromEnv)
      ? { ok: true, path: fromEnv, source: 'MINIPROGRAM_CI_BIN' }
      : {
          ok: false,
          message: `MINIPROGRAM_CI_BIN is ${fromEnv}, which does not exist.\n${MINIPROGRAM_CI_INSTALL_HINT}`,
        };
  }
  const local = path.join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'miniprogram-ci.cmd' : 'miniprogram-ci',
  );
  if (exists(local)) return { ok: true, path: local, source: 'node_modules/.bin' };
  return {
    ok: false,
    message: `miniprogram-ci not found (MINIPROGRAM_CI_BIN unset, nothing at ${local}).\n${MINIPROGRAM_CI_INSTALL_HINT}`,
  };
}

export interface UploadPlan {
  projectDir: string;
  appid: string;
  privateKeyPath: string;
  env: string;
  name: string;
  functionDir: string;
  remoteNpmInstall: boolean;
}

export function uploadFunctionArgs(plan: UploadPlan): string[] {
  return [
    'cloud',
    'functions',
    'upload',
    '--pp',
    plan.projectDir,
    '--appid',
    plan.appid,
    '--pkp',
    plan.privateKeyPath,
    '--env',
    plan.env,
    '--name',
    plan.name,
    '--path',
    plan.functionDir,
    '--remote-npm-install',
    String(plan.remoteNpmInstall),
  ];
}

export const CREATE_FIRST_HINT = [
  'miniprogram-ci cannot list cloud functions, and it creates a missing one with Node.js 8.9, a 3 s timeout',
  'and 256 MB: this bundle targets Node 16 and OCR needs far more than 3 s.',
  'Create each function once in WeChat DevTools (云开发 -> 云函数 -> 新建, or right-click cloudfunctions/<name> ->',
  '上传并部署) with runtime Node.js 16.13 or newer, then set its timeout to at least 20 s and memory to 256 MB or more',
  '(云开发控制台 -> 云函数 -> <name> -> 版本与配置 -> 配置). Then rerun with --functions-exist.',
  'To let miniprogram-ci create missing functions anyway, pass --allow-create; the runtime of a function cannot be',
  'changed later, so a function created that way has to be deleted and created again in DevTools.',
].join('\n');
