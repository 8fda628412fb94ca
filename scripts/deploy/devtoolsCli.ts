/**
 * WeChat DevTools' command line (CLI v2): where it lives and the exact deploy command.
 *
 * `cli cloud functions deploy --env <env> --names <a> <b> --project <abs project>` finds each function
 * by name under the project's cloudfunctionRoot; `--paths <abs dir>...` names folders instead and
 * needs `--project` or `--appid`. Names are separate words: a comma-separated value is taken as one
 * name. `--remote-npm-install` (`-r`) is a switch: present, the cloud runs npm install and
 * node_modules is not uploaded; absent, the folder is uploaded as is, which is what a self-contained
 * bundle wants. DevTools honours config.json (openapi permissions) on upload.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ProjectLayout } from './projectLayout';

export const DEFAULT_CLI_PATHS: Readonly<Partial<Record<NodeJS.Platform, string>>> = {
  darwin: '/Applications/wechatwebdevtools.app/Contents/MacOS/cli',
  win32: 'C:\\Program Files (x86)\\Tencent\\微信web开发者工具\\cli.bat',
};

export const INSTALL_HINT = [
  'Install WeChat DevTools (微信开发者工具, stable build) from developers.weixin.qq.com -> 工具 -> 下载, open it once and log in,',
  'then turn on 设置 -> 安全设置 -> 服务端口 (Settings -> Security -> Service port) so its CLI may drive it.',
  'If DevTools is installed elsewhere, point WECHAT_DEVTOOLS_CLI at its cli (macOS: <app>/Contents/MacOS/cli, Windows: <install dir>\\cli.bat).',
  'On Linux or CI without DevTools, use `npm run deploy:ci` (miniprogram-ci) instead.',
].join('\n');

export type CliLocation = { ok: true; path: string; source: string } | { ok: false; message: string };

export function locateDevtoolsCli(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (file: string) => boolean = existsSync,
): CliLocation {
  const fromEnv = env.WECHAT_DEVTOOLS_CLI;
  if (fromEnv !== undefined && fromEnv !== '') {
    return exists(fromEnv)
      ? { ok: true, path: fromEnv, source: 'WECHAT_DEVTOOLS_CLI' }
      : { ok: false, message: `WECHAT_DEVTOOLS_CLI is ${fromEnv}, which does not exist.\n${INSTALL_HINT}` };
  }
  const fallback = DEFAULT_CLI_PATHS[platform];
  if (fallback !== undefined && exists(fallback)) {
    return { ok: true, path: fallback, source: `default path on ${platform}` };
  }
  const looked = fallback === undefined ? `no default path on ${platform}` : `not at ${fallback}`;
  return {
    ok: false,
    message: `WeChat DevTools CLI not found (WECHAT_DEVTOOLS_CLI unset, ${looked}).\n${INSTALL_HINT}`,
  };
}

export interface DevtoolsDeployPlan {
  env: string;
  names: readonly string[];
  layout: ProjectLayout;
  appid: string | undefined;
  remoteNpmInstall: boolean;
}

export type DeployArgs =
  | { ok: true; args: string[]; mode: 'names' | 'paths' }
  | { ok: false; message: string };

/** DevTools' appid for projects without one; it cannot use cloud development. */
export const TOURIST_APPID = 'touristappid';

export function devtoolsDeployArgs(plan: DevtoolsDeployPlan): DeployArgs {
  const { layout } = plan;
  const base = ['cloud', 'functions', 'deploy', '--env', plan.env];
  const tail = plan.remoteNpmInstall ? ['--remote-npm-install'] : [];
  const paths = plan.names.map((name) => path.join(layout.functionsRoot, name));
  // DevTools ignores --appid when --project is given: an explicit appid that differs from the
  // project's must go with --paths instead.
  if (plan.appid !== undefined && plan.appid !== layout.appid) {
    return { ok: true, mode: 'paths', args: [...base, '--paths', ...paths, '--appid', plan.appid, ...tail] };
  }
  if (!layout.hasProjectConfig || layout.appid === undefined || layout.appid === TOURIST_APPID) {
    const where = layout.hasProjectConfig
      ? `project.config.json in ${layout.projectDir} has appid ${layout.appid ?? '(none)'}, which cannot use cloud development`
      : `${layout.projectDir} has no project.config.json`;
    return { ok: false, message: `${where}: pass --appid wx... (the mini-program's appid)` };
  }
  if (layout.declaresFunctionsRoot) {
    return {
      ok: true,
      mode: 'names',
      args: [...base, '--names', ...plan.names, '--project', layout.projectDir, ...tail],
    };
  }
  // No cloudfunctionRoot for DevTools to search by name: name the folders themselves.
  return {
    ok: true,
    mode: 'paths',
    args: [...base, '--paths', ...paths, '--project', layout.projectDir, ...tail],
  };
}
