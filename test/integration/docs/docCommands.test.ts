/**
 * Every command the docs show, run from a fresh clone (the tracked files copied to a temp folder,
 * node_modules linked in, nothing built, no data): its exit code and the key lines of its output,
 * and no npm warning of this project's making. A command that runs a long time or changes the
 * world runs with --help or --dry-run, which still checks that every option it shows exists.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '../../../emulator/startEmulator';
import { LICENSE_FIELDS } from '../emulator/support/emulatorWithSdk';
import { ScriptedRecognizer } from '../support/ScriptedRecognizer';
import { documentedCommands, shellWords } from './documentedCommands';

const ROOT = path.resolve(__dirname, '../../..');
/** The docs this suite holds to their commands; docs/ocr.md and docs/fixtures.md are the engine's own. */
const DOCS = [
  'README.md',
  'docs/deploy.md',
  'docs/emulator.md',
  'docs/performance.md',
  'docs/reliability.md',
  'docs/miniprogram.md',
  'database/README.md',
];

interface Expect {
  exit: number;
  stdout?: Array<string | RegExp>;
  stderr?: Array<string | RegExp>;
}

type Plan =
  | { how: 'as shown'; expect: Expect }
  | { how: 'with --help'; expect?: Expect }
  | { how: 'with --dry-run'; expect: Expect }
  | { how: 'skipped'; why: string };

const usage = (script: string): Expect => ({ exit: 0, stdout: [`usage: npm run ${script} --`, 'examples:'] });
const JEST = 'a slice of npm test, which runs it';
const DRY_DEPLOY = [
  'dry run: would run',
  'cloud functions deploy --env prod-1a2b3c',
  'missing before a real deploy:',
];

const PLANS: Record<string, Plan> = {
  'npm ci': { how: 'skipped', why: 'it made the node_modules this suite runs with' },
  'npm install': { how: 'skipped', why: 'named as what the cloud does not run for a bundle' },
  'npm test': { how: 'skipped', why: 'this suite is part of it' },
  'npm run test:unit': { how: 'skipped', why: JEST },
  'npm run test:stub': { how: 'skipped', why: JEST },
  'npm run test:contract': { how: 'skipped', why: JEST },
  'npm run typecheck': { how: 'skipped', why: JEST },
  'npx jest test/integration/functions': { how: 'skipped', why: JEST },
  'npx jest test/integration/reliability': { how: 'skipped', why: JEST },
  'npm i -g miniprogram-ci@2.1.42': { how: 'skipped', why: 'installs a global package from the registry' },
  'npm i --no-save miniprogram-ci@2.1.42': {
    how: 'skipped',
    why: 'installs 1,100 packages from the registry',
  },

  'npm run build': {
    how: 'as shown',
    expect: {
      exit: 0,
      stdout: [
        'built cloudfunctions/driverLicenses/index.js',
        'built cloudfunctions/ocrDriverLicense/index.js',
      ],
    },
  },
  'npm run ocr -- test/fixtures/sample/licence.jpg': {
    how: 'as shown',
    expect: {
      exit: 0,
      stdout: [
        /^test\/fixtures\/sample\/licence\.jpg: ok \(new record \w+; read now\)$/m,
        /准驾车型 Class +C2$/m,
        /证号 No\. +\d{4}\*{12}[\dX]{2}$/m, // masked without --reveal
        /有效期至 Valid to +长期$/m, // a long-term licence's end, once
        '(licence number, name and address masked; --reveal shows them)',
      ],
      stderr: [
        'loading the OCR engine',
        /\[1\/1\] test\/fixtures\/sample\/licence\.jpg: uploading \d+ bytes, recognizing/,
      ],
    },
  },
  'npm run ocr': {
    how: 'as shown',
    expect: {
      exit: 2,
      stderr: ['ocr: name at least one image file, folder or https URL', 'see: npm run ocr -- --help'],
    },
  },
  'npm run ocr -- --help': {
    how: 'as shown',
    expect: { ...usage('ocr'), stdout: ['--daily-limit N', '--ca FILE', '--trace DIR'] },
  },
  'npm run ocr -- --console <photo>': {
    how: 'with --help',
    expect: { ...usage('ocr'), stdout: ['--console'] },
  },
  'npm run emulator': { how: 'with --help', expect: usage('emulator') },
  'npm run emulator -- --port 9123 --data .wxcloud --env local-dev --ocr-quota 100 --token-ttl 7200': {
    how: 'with --help',
    expect: usage('emulator'),
  },
  'npm run deploy': { how: 'as shown', expect: { exit: 2, stderr: ['deploy: --env ENV_ID is required'] } },
  'npm run deploy -- --env prod-1a2b3c --dry-run': {
    how: 'as shown',
    expect: { exit: 0, stdout: [...DRY_DEPLOY, "--appid '<your mini-program appid>'", 'touristappid'] },
  },
  'npm run deploy -- --env prod-1a2b3c': { how: 'with --dry-run', expect: { exit: 0, stdout: DRY_DEPLOY } },
  'npm run deploy -- --env prod-1a2b3c --names ocrDriverLicense': {
    how: 'with --dry-run',
    expect: { exit: 0, stdout: [...DRY_DEPLOY, /--paths \S+\/cloudfunctions\/ocrDriverLicense --appid/] },
  },
  'npm run deploy -- --env prod-1a2b3c --appid wx0123456789abcdef': {
    how: 'with --dry-run',
    expect: {
      exit: 0,
      stdout: ['dry run: would run', '--appid wx0123456789abcdef', 'WeChat DevTools CLI not found'],
    },
  },
  'npm run deploy -- --env <env-id>': {
    how: 'with --dry-run',
    expect: {
      exit: 0,
      stdout: [
        "--env '<ENV_ID>'",
        '--env ENV_ID is required (the cloud environment id, e.g. prod-1a2b3c), got <env-id>',
      ],
    },
  },
  'npm run deploy:ci': {
    how: 'as shown',
    expect: {
      exit: 2,
      stderr: [
        'deploy:ci: --env ENV_ID is required',
        '--appid is required',
        '--private-key PATH is required',
      ],
    },
  },
  'npm run deploy:ci -- --env prod-1a2b3c --dry-run': {
    how: 'as shown',
    expect: {
      exit: 0,
      stdout: [
        'dry run: would run',
        "--appid '<APPID>' --pkp '<PATH>'",
        '--appid is required',
        'without --functions-exist',
      ],
    },
  },
  'npm run deploy:ci -- --env prod-1a2b3c --appid wx0123456789abcdef --private-key ~/keys/private.wx0123456789abcdef.key --functions-exist':
    {
      how: 'with --dry-run',
      expect: {
        exit: 0,
        stdout: [
          'cloud functions upload',
          '--appid wx0123456789abcdef',
          'private.wx0123456789abcdef.key does not exist',
        ],
      },
    },
  'npx tsx scripts/deploy/databaseSetup.ts': {
    how: 'as shown',
    expect: { exit: 0, stdout: ['driver_licenses', 'doc._openid == auth.openid', '非唯一'] },
  },
  'npm run fixtures -- --help': {
    how: 'as shown',
    expect: { exit: 0, stdout: [/usage: npm run fixtures --/i] },
  },
  'npm run bench:ocr -- --help': {
    how: 'as shown',
    expect: { exit: 0, stdout: [/usage: npm run bench:ocr --/i] },
  },
  'npm run bench:ocr': { how: 'with --help', expect: { exit: 0, stdout: [/usage: npm run bench:ocr --/i] } },
  'npm run bench:ocr -- --dir DIR': {
    how: 'with --help',
    expect: { exit: 0, stdout: [/usage: npm run bench:ocr --/i, /--dir DIR\s+photos in DIR/] },
  },
  'npm run bench': { how: 'with --help', expect: usage('bench') },
  'npm run bench -- --only throughput': { how: 'with --help', expect: usage('bench') },
  'npm run bench -- --only cold': { how: 'with --help', expect: usage('bench') },
  'npm run bench -- --only cold --runs 20': { how: 'with --help', expect: usage('bench') },
  'npm run bench -- --runs 20 --invocations 10 --ocr-invocations 6 --ocr-count 13 --ops 400': {
    how: 'with --help',
    expect: usage('bench'),
  },
  'npm run test:reliability': { how: 'with --help', expect: usage('test:reliability') },
  "npm run test:reliability -- load 'kill -9'": { how: 'with --help', expect: usage('test:reliability') },
  'curl -F \'img=@test.jpg\' "http://127.0.0.1:9123/cv/ocr/drivinglicense?access_token=TOKEN"': {
    how: 'as shown',
    expect: { exit: 0, stdout: ['"errcode":0', '"car_class":"C1"'] },
  },
  'curl -X POST "http://127.0.0.1:9123/cv/ocr/drivinglicense?img_url=ENCODED&access_token=TOKEN"': {
    how: 'as shown',
    expect: { exit: 0, stdout: ['"errcode":0', '"car_class":"C1"'] },
  },
};

const SAMPLE = readFileSync(path.join(ROOT, 'test/fixtures/sample/licence.jpg'));

let clone: string;
let curlDir: string;
let emulator: Emulator;
let images: Server;
let token: string;
let built: Promise<Run>;
let recognized: Promise<Run>;
const OCR_SAMPLE = 'npm run ocr -- test/fixtures/sample/licence.jpg';

/** A fresh clone of the working tree: its tracked files as they are now, nothing built or generated. */
function freshClone(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'doc-commands-'));
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT }).toString().split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    try {
      copyFileSync(path.join(ROOT, file), path.join(dir, file));
    } catch {
      // deleted in the working tree but not yet in the index
    }
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

beforeAll(async () => {
  clone = freshClone();
  built = run(['npm', 'run', 'build'], clone);
  recognized = built.then(() => run(shellWords(OCR_SAMPLE), clone));
  curlDir = mkdtempSync(path.join(os.tmpdir(), 'doc-curl-'));
  writeFileSync(path.join(curlDir, 'test.jpg'), SAMPLE);
  const recognizer = new ScriptedRecognizer();
  recognizer.answer(SAMPLE, LICENSE_FIELDS);
  emulator = await startEmulator({ recognizer });
  images = createServer((_req, res) => res.end(SAMPLE));
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  const query = new URLSearchParams({
    grant_type: 'client_credential',
    appid: 'wx0000000000local',
    secret: 'local-emulator-appsecret',
  });
  token = ((await (await fetch(`${emulator.url}/cgi-bin/token?${query}`)).json()) as { access_token: string })
    .access_token;
});

afterAll(async () => {
  await emulator?.close();
  await new Promise((resolve) => images?.close(resolve));
  rmSync(clone, { recursive: true, force: true });
  rmSync(curlDir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell: nothing npm set for this test run, no DevTools or CI tools. */
function userEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env))
    if (/^(npm_|INIT_CWD$|WECHAT_DEVTOOLS_CLI$|MINIPROGRAM_CI_BIN$)/.test(key)) delete env[key];
  return env;
}

function run(argv: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function runDocumented(command: string, plan: Exclude<Plan, { how: 'skipped' }>): Promise<Run> {
  if (command.startsWith('curl ')) {
    const line = command
      .replaceAll('127.0.0.1:9123', new URL(emulator.url).host)
      .replaceAll('TOKEN', token)
      .replaceAll(
        'ENCODED',
        encodeURIComponent(`http://127.0.0.1:${(images.address() as AddressInfo).port}/licence.jpg`),
      );
    return run(['bash', '-c', line], curlDir);
  }
  const extra = plan.how === 'with --help' ? ['--help'] : plan.how === 'with --dry-run' ? ['--dry-run'] : [];
  const words = shellWords(command);
  // `npm run x` takes its own options before `--`: add one only after the script's.
  const argv =
    words[0] === 'npm' && extra.length > 0 && !words.includes('--')
      ? [...words, '--', ...extra]
      : [...words, ...extra];
  // The build runs first, alone: later commands find fresh bundles and write none. The OCR run
  // comes next, alone too: under the others' load its 10 s attempt timeout could go by.
  if (command === 'npm run build') return built;
  if (command === OCR_SAMPLE) return recognized;
  return recognized.then(() => run(argv, clone));
}

const documented = documentedCommands(ROOT, DOCS);

describe('the commands the docs show', () => {
  it('each has a plan here, and each plan a command in the docs', () => {
    const shown = [...new Set(documented.map((c) => c.command))].sort();
    expect(shown).toEqual(Object.keys(PLANS).sort());
  });

  const runnable = Object.entries(PLANS).filter(
    (entry): entry is [string, Exclude<Plan, { how: 'skipped' }>] => entry[1].how !== 'skipped',
  );

  it.concurrent.each(runnable)('%s', async (command, plan) => {
    const result = await runDocumented(command, plan);
    const expected: Expect = plan.expect ?? { exit: 0 };
    const shown = `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;

    expect({ exit: result.code, shown }).toMatchObject({ exit: expected.exit });
    for (const line of expected.stdout ?? [])
      expect(result.stdout).toEqual(expect.stringMatching(asPattern(line)));
    for (const line of expected.stderr ?? [])
      expect(result.stderr).toEqual(expect.stringMatching(asPattern(line)));
    expect(result.stderr).not.toMatch(/npm warn/i);
  });
});

function asPattern(line: string | RegExp): RegExp {
  return typeof line === 'string' ? new RegExp(line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : line;
}
