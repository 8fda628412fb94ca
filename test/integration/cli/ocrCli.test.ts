import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLE = path.join(ROOT, 'test/fixtures/sample/licence.jpg');
const NEGATIVE = path.join(ROOT, 'test/fixtures/negatives/vehicle-license.jpg');
const truth = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/sample/licence.json'), 'utf8')).fields;

const run = promisify(execFile);
let data: string;

function ocr(...args: string[]) {
  return run(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'scripts/ocr.ts'), '--data', data, ...args],
    {
      cwd: ROOT,
      timeout: 180_000,
    },
  ).catch((error: { stdout: string; stderr: string; code: number }) => error);
}

beforeAll(() => {
  data = mkdtempSync(path.join(tmpdir(), 'ocr-cli-'));
});

afterAll(() => {
  rmSync(data, { recursive: true, force: true });
});

describe('npm run ocr', () => {
  it('prints exactly one JSON object per input, in order, with the licence or the error', async () => {
    const text = path.join(data, 'notes.jpg');
    writeFileSync(text, 'not an image');

    const { stdout, code } = (await ocr(
      '--json',
      SAMPLE,
      NEGATIVE,
      text,
      path.join(data, 'missing.jpg'),
    )) as {
      stdout: string;
      code?: number;
    };

    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [path.basename(line.file), line.ok, line.error?.code])).toEqual([
      ['licence.jpg', true, undefined],
      ['vehicle-license.jpg', false, 'NOT_A_LICENSE'],
      ['notes.jpg', false, 'UNSUPPORTED_IMAGE'],
      ['missing.jpg', false, 'INVALID_ARGUMENT'],
    ]);
    expect(lines[0].license).toMatchObject({
      idNum: truth.id_num,
      name: truth.name,
      carClass: truth.car_class,
    });
    expect(Object.keys(lines[0]).sort()).toEqual(['file', 'id', 'license', 'ok', 'warnings']);
    expect(code).toBe(1); // some inputs failed
  });

  it('answers a rescan of the same photo from the persisted data directory', async () => {
    const first = (await ocr('--json', SAMPLE)) as { stdout: string };
    const second = (await ocr('--json', SAMPLE)) as { stdout: string };

    expect(JSON.parse(second.stdout).id).toBe(JSON.parse(first.stdout).id);
  });

  it('prints the fields readably, masking the number and name', async () => {
    const { stdout } = (await ocr(SAMPLE)) as { stdout: string };

    expect(stdout).toContain(truth.car_class);
    expect(stdout).toContain(truth.birth_date);
    expect(stdout).not.toContain(truth.id_num);
    expect(stdout).not.toContain(truth.name);
  });
});
