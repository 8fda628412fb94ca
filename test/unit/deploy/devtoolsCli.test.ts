import path from 'node:path';
import {
  DEFAULT_CLI_PATHS,
  devtoolsDeployArgs,
  locateDevtoolsCli,
} from '../../../scripts/deploy/devtoolsCli';
import type { ProjectLayout } from '../../../scripts/deploy/projectLayout';

const layout = (overrides: Partial<ProjectLayout> = {}): ProjectLayout => ({
  projectDir: '/p',
  functionsRoot: '/p/cloudfunctions',
  appid: 'wx0123456789abcdef',
  declaresFunctionsRoot: true,
  hasProjectConfig: true,
  ...overrides,
});

describe('locateDevtoolsCli', () => {
  it('prefers WECHAT_DEVTOOLS_CLI', () => {
    const found = locateDevtoolsCli({ WECHAT_DEVTOOLS_CLI: '/opt/cli' }, 'darwin', () => true);
    expect(found).toEqual({ ok: true, path: '/opt/cli', source: 'WECHAT_DEVTOOLS_CLI' });
  });

  it.each([['darwin'], ['win32']] as const)('falls back to the default path on %s', (platform) => {
    const expected = DEFAULT_CLI_PATHS[platform]!;
    const found = locateDevtoolsCli({}, platform, (file) => file === expected);
    expect(found).toEqual({ ok: true, path: expected, source: `default path on ${platform}` });
  });

  it('says how to install DevTools when nothing is found', () => {
    const found = locateDevtoolsCli({}, 'linux', () => false);
    expect(found.ok).toBe(false);
    expect(found.ok ? '' : found.message).toContain('设置 -> 安全设置 -> 服务端口');
  });
});

describe('devtoolsDeployArgs', () => {
  const plan = { env: 'e1', names: ['a', 'b'], appid: undefined, remoteNpmInstall: false };

  it('deploys by name when project.config.json declares the functions root', () => {
    expect(devtoolsDeployArgs({ ...plan, layout: layout() })).toEqual({
      ok: true,
      mode: 'names',
      args: ['cloud', 'functions', 'deploy', '--env', 'e1', '--names', 'a', 'b', '--project', '/p'],
    });
  });

  it('deploys by path with --project when project.config.json has no cloudfunctionRoot', () => {
    const result = devtoolsDeployArgs({ ...plan, layout: layout({ declaresFunctionsRoot: false }) });
    expect(result.ok && result.args).toEqual([
      'cloud',
      'functions',
      'deploy',
      '--env',
      'e1',
      '--paths',
      path.join('/p/cloudfunctions', 'a'),
      path.join('/p/cloudfunctions', 'b'),
      '--project',
      '/p',
    ]);
  });

  it('deploys by path with --appid when an explicit appid differs from the project one', () => {
    const result = devtoolsDeployArgs({
      ...plan,
      appid: 'wxfedcba9876543210',
      remoteNpmInstall: true,
      layout: layout(),
    });
    expect(result.ok && result.args.slice(-3)).toEqual([
      '--appid',
      'wxfedcba9876543210',
      '--remote-npm-install',
    ]);
  });

  it('refuses the tourist appid', () => {
    const result = devtoolsDeployArgs({ ...plan, layout: layout({ appid: 'touristappid' }) });
    expect(result.ok ? '' : result.message).toContain('cannot use cloud development');
  });
});
