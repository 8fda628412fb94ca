/**
 * `npm run deploy` end to end: the real script in a child process, a temporary project, and a fake
 * DevTools CLI that records its argv and cwd.
 */
import path from 'node:path';
import {
  APPID,
  type FunctionFixture,
  removeDir,
  runScript,
  tempDir,
  writeFakeTool,
  writeProject,
} from './deployHarness';

const BOTH: FunctionFixture[] = [{ name: 'driverLicenses' }, { name: 'ocrDriverLicense' }];

describe('npm run deploy (WeChat DevTools CLI)', () => {
  let dir: string;

  beforeEach(() => {
    dir = tempDir('deploy-test');
  });

  afterEach(() => {
    removeDir(dir);
  });

  it('deploys every function by name with the project path and no cloud npm install', async () => {
    const { projectDir } = writeProject(dir, { functions: BOTH });
    const cli = writeFakeTool(dir, 'cli', {
      exitCode: 0,
      stdout: '✔ deploy driverLicenses\n✔ deploy ocrDriverLicense\n',
    });

    const run = await runScript('deploy', ['--env', 'prod-1a2b', '--project', projectDir], {
      WECHAT_DEVTOOLS_CLI: cli.path,
    });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(cli.calls()).toEqual([
      {
        argv: [
          'cloud',
          'functions',
          'deploy',
          '--env',
          'prod-1a2b',
          '--names',
          'driverLicenses',
          'ocrDriverLicense',
          '--project',
          projectDir,
        ],
        cwd: projectDir,
      },
    ]);
    expect(run.stdout).toContain('not building:');
    expect(run.stdout).toContain('deployed driverLicenses, ocrDriverLicense to env prod-1a2b');
  });

  it('deploys only the functions named with --names, comma-separated', async () => {
    const { projectDir } = writeProject(dir, { functions: BOTH });
    const cli = writeFakeTool(dir, 'cli', { exitCode: 0 });

    const run = await runScript(
      'deploy',
      ['--env', 'e1', '--names', 'ocrDriverLicense', '--project', projectDir],
      {
        WECHAT_DEVTOOLS_CLI: cli.path,
      },
    );

    expect(run.code).toBe(0);
    expect(cli.calls()[0]?.argv).toEqual([
      'cloud',
      'functions',
      'deploy',
      '--env',
      'e1',
      '--names',
      'ocrDriverLicense',
      '--project',
      projectDir,
    ]);
  });

  it('names the folders with --paths and --appid when the project has no project.config.json', async () => {
    const { projectDir, functionsRoot } = writeProject(dir, { projectConfig: null, functions: BOTH });
    const cli = writeFakeTool(dir, 'cli', { exitCode: 0 });

    const run = await runScript('deploy', ['--env', 'e1', '--appid', APPID, '--project', projectDir], {
      WECHAT_DEVTOOLS_CLI: cli.path,
    });

    expect(run.code).toBe(0);
    expect(cli.calls()[0]?.argv).toEqual([
      'cloud',
      'functions',
      'deploy',
      '--env',
      'e1',
      '--paths',
      path.join(functionsRoot, 'driverLicenses'),
      path.join(functionsRoot, 'ocrDriverLicense'),
      '--appid',
      APPID,
    ]);
  });

  it('refuses a tourist-appid project without --appid, before running anything', async () => {
    const { projectDir } = writeProject(dir, {
      projectConfig: { appid: 'touristappid', cloudfunctionRoot: 'cloudfunctions/' },
      functions: BOTH,
    });
    const cli = writeFakeTool(dir, 'cli', { exitCode: 0 });

    const run = await runScript('deploy', ['--env', 'e1', '--project', projectDir], {
      WECHAT_DEVTOOLS_CLI: cli.path,
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('touristappid');
    expect(run.stderr).toContain('--appid');
    expect(cli.calls()).toEqual([]);
  });

  it('shows on --dry-run, with a tourist appid, the command with a placeholder and what is missing, exit 0', async () => {
    const { projectDir, functionsRoot } = writeProject(dir, {
      projectConfig: { appid: 'touristappid', cloudfunctionRoot: 'cloudfunctions/' },
      functions: BOTH,
    });
    const cli = writeFakeTool(dir, 'cli', { exitCode: 0 });

    const run = await runScript('deploy', ['--env', 'test-env', '--dry-run', '--project', projectDir], {
      WECHAT_DEVTOOLS_CLI: cli.path,
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `dry run: would run\n  ${cli.path} cloud functions deploy --env test-env --paths ${path.join(functionsRoot, 'driverLicenses')} ${path.join(functionsRoot, 'ocrDriverLicense')} --appid '<your mini-program appid>'`,
    );
    expect(run.stdout).toContain('missing before a real deploy:');
    expect(run.stdout).toContain('touristappid, which cannot use cloud development: pass --appid wx...');
    expect(cli.calls()).toEqual([]);
  });

  it('shows on --dry-run without --env or DevTools the command with <ENV_ID>, and both as missing', async () => {
    const { projectDir } = writeProject(dir, { functions: BOTH });

    const run = await runScript('deploy', ['--dry-run', '--project', projectDir], {
      WECHAT_DEVTOOLS_CLI: path.join(dir, 'no-such-cli'),
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "cloud functions deploy --env '<ENV_ID>' --names driverLicenses ocrDriverLicense",
    );
    expect(run.stdout).toContain('  - --env ENV_ID is required');
    expect(run.stdout).toContain('which does not exist');
  });

  it('prints the exact command and the validation results on --dry-run and runs nothing', async () => {
    const { projectDir } = writeProject(dir, { functions: BOTH });
    const cli = writeFakeTool(dir, 'cli', { exitCode: 0 });

    const run = await runScript('deploy', ['--env', 'e1', '--dry-run', '--project', projectDir], {
      WECHAT_DEVTOOLS_CLI: cli.path,
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ok   driverLicenses');
    expect(run.stdout).toContain('ok   ocrDriverLicense');
    expect(run.stdout).toContain(
      `dry run: would run\n  ${cli.path} cloud functions deploy --env e1 --names driverLicenses ocrDriverLicense --project ${projectDir}`,
    );
    expect(cli.calls()).toEqual([]);
  });

  it('adds --remote-npm-install and accepts package.json dependencies when asked to', async () => {
    const pkg = JSON.stringify({
      name: 'driverLicenses',
      main: 'index.js',
      dependencies: { 'wx-server-sdk': '~3.0.1' },
    });
    const { projectDir } = writeProject(dir, { functions: [{ name: 'driverLicenses', pkg }] });
    const cli = writeFakeTool(dir, 'cli', { exitCode: 0 });

    const run = await runScript('deploy', ['--env', 'e1', '--remote-npm-install', '--project', projectDir], {
      WECHAT_DEVTOOLS_CLI: cli.path,
    });

    expect(run.code).toBe(0);
    expect(cli.calls()[0]?.argv.at(-1)).toBe('--remote-npm-install');
  });

  it.each([
    ['missing bundle', { name: 'driverLicenses', bundle: null }, 'index.js missing'],
    [
      'bundle without main',
      { name: 'driverLicenses', bundle: 'exports.handler = () => 1;\n' },
      "typeof main is 'undefined'",
    ],
    [
      'bad config.json',
      { name: 'driverLicenses', config: '{"permissions": {' },
      'config.json is not valid JSON',
    ],
    [
      'missing permission',
      { name: 'ocrDriverLicense', config: '{"permissions":{"openapi":[]}}' },
      'config.json does not grant the openapi permission ocr.driverLicense',
    ],
  ] satisfies [string, FunctionFixture, string][])(
    'fails on a %s and does not run the CLI',
    async (_case, fn, message) => {
      const { projectDir } = writeProject(dir, { functions: [fn] });
      const cli = writeFakeTool(dir, 'cli', { exitCode: 0 });

      const run = await runScript('deploy', ['--env', 'e1', '--project', projectDir], {
        WECHAT_DEVTOOLS_CLI: cli.path,
      });

      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`FAIL ${fn.name}`);
      expect(run.stdout).toContain(message);
      expect(run.stderr).toContain(`validation failed for ${fn.name}: nothing was deployed`);
      expect(cli.calls()).toEqual([]);
    },
  );

  it('fails with the CLI message when the CLI exits non-zero', async () => {
    const { projectDir } = writeProject(dir, { functions: BOTH });
    const cli = writeFakeTool(dir, 'cli', {
      exitCode: 255,
      stderr: 'something broke: env prod-x not available\n',
    });

    const run = await runScript('deploy', ['--env', 'e1', '--project', projectDir], {
      WECHAT_DEVTOOLS_CLI: cli.path,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('WeChat DevTools CLI failed (exit code 255):');
    expect(run.stderr).toContain('something broke: env prod-x not available');
  });

  it.each([
    [
      'an [error] line',
      '[error] {"code":10,"message":"deploy cloud function failed"}\n',
      '[error] {"code":10',
    ],
    ['a ✖ line', '✖ ocrDriverLicense upload failed\n', '✖ ocrDriverLicense upload failed'],
    [
      'a non-zero errCode',
      'result: {"errCode": -501000, "errMsg": "ResourceNotFound"}\n',
      '"errCode": -501000',
    ],
    [
      'a result table with success false',
      '│ ocrDriverLicense │ false │ getCloudAPISignedHeader failed │\n',
      '│ ocrDriverLicense │ false │',
    ],
  ])('fails when the CLI exits 0 but its output has %s', async (_case, stdout, shown) => {
    const { projectDir } = writeProject(dir, { functions: BOTH });
    const cli = writeFakeTool(dir, 'cli', { exitCode: 0, stdout: `✔ preparing\n${stdout}` });

    const run = await runScript('deploy', ['--env', 'e1', '--project', projectDir], {
      WECHAT_DEVTOOLS_CLI: cli.path,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('WeChat DevTools CLI exited 0 but reported a failure:');
    expect(run.stderr).toContain(shown);
    expect(run.stderr).not.toContain('✔ preparing');
    expect(run.stdout).not.toContain('deployed ');
  });

  it('tells how to log in when the CLI reports an expired signature', async () => {
    const { projectDir } = writeProject(dir, { functions: BOTH });
    const cli = writeFakeTool(dir, 'cli', {
      exitCode: 0,
      stdout: '│ ocrDriverLicense │ false │ getCloudAPISignedHeader failed │\n',
    });

    const run = await runScript('deploy', ['--env', 'e1', '--project', projectDir], {
      WECHAT_DEVTOOLS_CLI: cli.path,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DevTools is not logged in');
  });

  it('explains how to turn on the service port when DevTools reports it off', async () => {
    const { projectDir } = writeProject(dir, { functions: BOTH });
    const cli = writeFakeTool(dir, 'cli', {
      exitCode: 255,
      stdout:
        'IDE service port disabled. To use CLI Call, please enter y to confirm enabling CLI capability\n',
    });

    const run = await runScript('deploy', ['--env', 'e1', '--project', projectDir], {
      WECHAT_DEVTOOLS_CLI: cli.path,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('IDE service port disabled');
    expect(run.stderr).toContain('设置 -> 安全设置 -> 服务端口');
  });

  it('explains how to install DevTools when WECHAT_DEVTOOLS_CLI points nowhere', async () => {
    const { projectDir } = writeProject(dir, { functions: BOTH });
    const missing = path.join(dir, 'no-such-cli');

    const run = await runScript('deploy', ['--env', 'e1', '--project', projectDir], {
      WECHAT_DEVTOOLS_CLI: missing,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`WECHAT_DEVTOOLS_CLI is ${missing}, which does not exist`);
    expect(run.stderr).toContain('Install WeChat DevTools');
    expect(run.stderr).toContain('设置 -> 安全设置 -> 服务端口');
  });

  it.each([
    [['--names', 'ocrDriverLicense'], '--env ENV_ID is required'],
    [['--env', 'e1', '--dryrun'], 'unknown option --dryrun'],
    [['--env', 'e1', '--names', 'nope'], 'no such function'],
  ])('rejects %j as a usage error without running anything', async (args, message) => {
    const { projectDir } = writeProject(dir, { functions: BOTH });
    const cli = writeFakeTool(dir, 'cli', { exitCode: 0 });

    const run = await runScript('deploy', [...args, '--project', projectDir], {
      WECHAT_DEVTOOLS_CLI: cli.path,
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(cli.calls()).toEqual([]);
  });
});
