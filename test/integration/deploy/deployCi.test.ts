/**
 * `npm run deploy:ci` end to end: the real script in a child process, a temporary project, and a
 * fake miniprogram-ci that records its argv and cwd.
 */
import { writeFileSync } from 'node:fs';
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

describe('npm run deploy:ci (miniprogram-ci)', () => {
  let dir: string;
  let key: string;

  beforeEach(() => {
    dir = tempDir('deploy-ci-test');
    key = path.join(dir, `private.${APPID}.key`);
    writeFileSync(key, '-----BEGIN RSA PRIVATE KEY-----\nnot a real key\n-----END RSA PRIVATE KEY-----\n');
  });

  afterEach(() => {
    removeDir(dir);
  });

  function uploadArgv(projectDir: string, functionsRoot: string, name: string): string[] {
    return [
      'cloud',
      'functions',
      'upload',
      '--pp',
      projectDir,
      '--appid',
      APPID,
      '--pkp',
      key,
      '--env',
      'prod-1a2b',
      '--name',
      name,
      '--path',
      path.join(functionsRoot, name),
      '--remote-npm-install',
      'false',
    ];
  }

  const base = (projectDir: string): string[] => [
    '--env',
    'prod-1a2b',
    '--appid',
    APPID,
    '--private-key',
    key,
    '--project',
    projectDir,
  ];

  it('uploads each function in turn with the exact miniprogram-ci command', async () => {
    const { projectDir, functionsRoot } = writeProject(dir, { functions: BOTH });
    const ci = writeFakeTool(dir, 'miniprogram-ci', { exitCode: 0, stdout: 'deployed\ndone\n' });

    const run = await runScript('deployCi', [...base(projectDir), '--functions-exist'], {
      MINIPROGRAM_CI_BIN: ci.path,
    });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(ci.calls()).toEqual([
      { argv: uploadArgv(projectDir, functionsRoot, 'driverLicenses'), cwd: projectDir },
      { argv: uploadArgv(projectDir, functionsRoot, 'ocrDriverLicense'), cwd: projectDir },
    ]);
    expect(run.stdout).toContain('uploaded driverLicenses, ocrDriverLicense to env prod-1a2b');
    expect(run.stdout).not.toContain('not a real key');
  });

  it('refuses to upload until the functions are confirmed to exist, and says how to create them', async () => {
    const { projectDir } = writeProject(dir, { functions: BOTH });
    const ci = writeFakeTool(dir, 'miniprogram-ci', { exitCode: 0 });

    const run = await runScript('deployCi', base(projectDir), { MINIPROGRAM_CI_BIN: ci.path });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'refusing to upload driverLicenses, ocrDriverLicense without --functions-exist',
    );
    expect(run.stderr).toContain('Node.js 8.9, a 3 s timeout');
    expect(run.stderr).toContain('Node.js 16.13 or newer');
    expect(run.stderr).toContain('at least 20 s');
    expect(ci.calls()).toEqual([]);
  });

  it('uploads with a warning when --allow-create is given', async () => {
    const { projectDir } = writeProject(dir, { functions: [{ name: 'driverLicenses' }] });
    const ci = writeFakeTool(dir, 'miniprogram-ci', { exitCode: 0 });

    const run = await runScript('deployCi', [...base(projectDir), '--allow-create'], {
      MINIPROGRAM_CI_BIN: ci.path,
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('warning: --allow-create');
    expect(ci.calls()).toHaveLength(1);
  });

  it('prints every upload command on --dry-run and runs nothing', async () => {
    const { projectDir, functionsRoot } = writeProject(dir, { functions: BOTH });
    const ci = writeFakeTool(dir, 'miniprogram-ci', { exitCode: 0 });

    const run = await runScript('deployCi', [...base(projectDir), '--functions-exist', '--dry-run'], {
      MINIPROGRAM_CI_BIN: ci.path,
    });

    expect(run.code).toBe(0);
    for (const name of ['driverLicenses', 'ocrDriverLicense']) {
      expect(run.stdout).toContain(`  ${ci.path} ${uploadArgv(projectDir, functionsRoot, name).join(' ')}`);
    }
    expect(ci.calls()).toEqual([]);
  });

  it('shows on a bare --dry-run the upload commands with placeholders and every missing setting, exit 0', async () => {
    const { projectDir } = writeProject(dir, { functions: BOTH });
    const ci = writeFakeTool(dir, 'miniprogram-ci', { exitCode: 0 });

    const run = await runScript('deployCi', ['--env', 'e1', '--dry-run', '--project', projectDir], {
      MINIPROGRAM_CI_BIN: ci.path,
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `${ci.path} cloud functions upload --pp ${projectDir} --appid '<APPID>' --pkp '<PATH>'`,
    );
    expect(run.stdout).toContain('  - --appid is required');
    expect(run.stdout).toContain('  - --private-key PATH is required');
    expect(run.stdout).toContain(
      '  - refusing to upload driverLicenses, ocrDriverLicense without --functions-exist',
    );
    expect(ci.calls()).toEqual([]);
  });

  it('stops at the first failed upload and says what was and was not uploaded', async () => {
    const { projectDir } = writeProject(dir, {
      functions: [{ name: 'a1' }, { name: 'b2' }, { name: 'c3' }],
    });
    // Fails on its second call only: the log it appends to tells which call this is.
    const ci = writeFakeTool(dir, 'miniprogram-ci', { exitCode: 0 });
    const log = path.join(dir, 'miniprogram-ci.calls.jsonl');
    writeFileSync(
      ci.path,
      [
        `#!${process.execPath}`,
        `const fs = require('node:fs');`,
        `fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd() }) + '\\n');`,
        `const n = fs.readFileSync(${JSON.stringify(log)}, 'utf8').trim().split('\\n').length;`,
        `if (n === 2) { console.error('Error: {"errCode":-10008,"errMsg":"invalid ip: 203.0.113.9"}'); process.exitCode = 1; }`,
        '',
      ].join('\n'),
    );

    const run = await runScript('deployCi', [...base(projectDir), '--functions-exist'], {
      MINIPROGRAM_CI_BIN: ci.path,
    });

    expect(run.code).toBe(1);
    expect(ci.calls().map((call) => call.argv[call.argv.indexOf('--name') + 1])).toEqual(['a1', 'b2']);
    expect(run.stderr).toContain('upload of b2 failed: miniprogram-ci failed (exit code 1):');
    expect(run.stderr).toContain('invalid ip: 203.0.113.9');
    expect(run.stderr).toContain('小程序代码上传');
    expect(run.stderr).toContain('already uploaded: a1');
    expect(run.stderr).toContain('not attempted: c3');
  });

  it.each([
    ['an [error] line', '[error] upload failed: env not found\n'],
    ['a ✖ line', '✖ cloudfunction upload\n'],
  ])('fails when miniprogram-ci exits 0 but its output has %s', async (_case, stdout) => {
    const { projectDir } = writeProject(dir, { functions: [{ name: 'driverLicenses' }] });
    const ci = writeFakeTool(dir, 'miniprogram-ci', { exitCode: 0, stdout });

    const run = await runScript('deployCi', [...base(projectDir), '--functions-exist'], {
      MINIPROGRAM_CI_BIN: ci.path,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('miniprogram-ci exited 0 but reported a failure:');
    expect(run.stderr).toContain(stdout.trim());
  });

  it('fails validation before uploading anything', async () => {
    const { projectDir } = writeProject(dir, {
      functions: [{ name: 'ocrDriverLicense', config: '{"permissions":{"openapi":["ocr.vehicleLicense"]}}' }],
    });
    const ci = writeFakeTool(dir, 'miniprogram-ci', { exitCode: 0 });

    const run = await runScript('deployCi', [...base(projectDir), '--functions-exist'], {
      MINIPROGRAM_CI_BIN: ci.path,
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'it grants ocr.vehicleLicense, which is 行驶证 the vehicle licence, not 驾驶证',
    );
    expect(ci.calls()).toEqual([]);
  });

  it('explains how to install miniprogram-ci when MINIPROGRAM_CI_BIN points nowhere', async () => {
    const { projectDir } = writeProject(dir, { functions: BOTH });

    const run = await runScript('deployCi', [...base(projectDir), '--functions-exist'], {
      MINIPROGRAM_CI_BIN: path.join(dir, 'missing'),
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('which does not exist');
    expect(run.stderr).toContain('npm i -g miniprogram-ci@2.1.42');
  });

  it.each([
    [['--appid', 'wx123'], '--appid is required'],
    [['--private-key', 'missing.key'], 'does not exist'],
    [['--env', 'bad env!'], '--env ENV_ID is required'],
  ])('rejects %j as a usage error without running anything', async (override, message) => {
    const { projectDir } = writeProject(dir, { functions: BOTH });
    const ci = writeFakeTool(dir, 'miniprogram-ci', { exitCode: 0 });
    const args = base(projectDir);
    const at = args.indexOf(override[0]!);
    args.splice(at, 2, ...override);

    const run = await runScript('deployCi', [...args, '--functions-exist'], { MINIPROGRAM_CI_BIN: ci.path });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(ci.calls()).toEqual([]);
  });
});
