/**
 * `npm run ocr` as a user runs it: a real child process, the built functions, the in-process
 * emulator and the local OCR engine. One batch run (the engine starts once) carries most inputs;
 * each test asserts one behaviour of it.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { LOOPBACK_CA, serveHttps } from '../support/serveHttps';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLE = path.join(ROOT, 'test/fixtures/sample/licence.jpg');
const NEGATIVE = path.join(ROOT, 'test/fixtures/negatives/vehicle-license.jpg');
const OTHER_LICENCE = path.join(ROOT, 'test/fixtures/licenses/01-new-beijing-easy.jpg');
const truth = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/sample/licence.json'), 'utf8')).fields;

interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

const exec = promisify(execFile);

function ocr(args: string[], options: { cwd?: string; initCwd?: string } = {}): Promise<Run> {
  return exec(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'scripts/ocr.ts'), '--data', data, ...args],
    {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...(options.initCwd ? { INIT_CWD: options.initCwd } : {}) },
      timeout: 240_000,
      maxBuffer: 16 * 1024 * 1024,
    },
  ).then(
    ({ stdout, stderr }) => ({ stdout, stderr, code: 0 }),
    (error: Run) => error,
  );
}

/** A phone photo of `megapixels` made from the sample: same licence, camera-sized pixels. */
async function photoOf(megapixels: number, file: string): Promise<string> {
  const width = Math.round(Math.sqrt((megapixels * 1e6 * 4) / 3));
  const bytes = await sharp(SAMPLE)
    .resize(width, Math.round((width * 3) / 4), { fit: 'fill' })
    .jpeg({ quality: 92 })
    .toBuffer();
  writeFileSync(file, bytes);
  return file;
}

let data: string;
let work: string;
let batch: Run;
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON lines, asserted field by field
let lines: Array<Record<string, any>>;

beforeAll(async () => {
  data = mkdtempSync(path.join(tmpdir(), 'ocr-cli-'));
  work = mkdtempSync(path.join(tmpdir(), 'ocr-cli-work-'));
  await photoOf(48, path.join(work, 'photo-48mp.jpg'));
  await photoOf(100, path.join(work, 'photo-100mp.jpg'));
  writeFileSync(path.join(work, 'notes.jpg'), 'not an image');
  mkdirSync(path.join(work, 'empty-folder'));
  mkdirSync(path.join(work, 'folder'));
  copyFileSync(SAMPLE, path.join(work, 'folder', 'copy-of-sample.jpg'));
  writeFileSync(path.join(work, 'folder', 'readme.txt'), 'not listed: not an image file');
  const images = await serveHttps({ '/licence.jpg': readFileSync(SAMPLE) });
  writeFileSync(path.join(work, 'loopback.crt'), LOOPBACK_CA);
  try {
    // Relative words resolve from INIT_CWD (where the user typed), not from the repository root.
    batch = await ocr(
      [
        '--json',
        '--daily-limit',
        '5',
        '--ca',
        'loopback.crt',
        SAMPLE,
        'folder',
        NEGATIVE,
        `${images.url}/licence.jpg`,
        'photo-48mp.jpg',
        'photo-100mp.jpg',
        OTHER_LICENCE,
        'notes.jpg',
        'missing.jpg',
        'empty-folder',
      ],
      { initCwd: work },
    );
  } finally {
    await images.close();
  }
  lines = batch.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}, 300_000);

afterAll(() => {
  rmSync(data, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('npm run ocr', () => {
  it('prints exactly one JSON object per input, in order, a folder as each image in it', () => {
    expect(lines.map((line) => [line.file, line.ok, line.error?.code])).toEqual([
      [SAMPLE, true, undefined],
      [path.join('folder', 'copy-of-sample.jpg'), true, undefined],
      [NEGATIVE, false, 'NOT_A_LICENSE'],
      [expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+\/licence\.jpg$/), true, undefined],
      ['photo-48mp.jpg', true, undefined],
      ['photo-100mp.jpg', true, undefined],
      [OTHER_LICENCE, false, 'RATE_LIMITED'],
      ['notes.jpg', false, 'UNSUPPORTED_IMAGE'],
      ['missing.jpg', false, 'INVALID_ARGUMENT'],
      ['empty-folder', false, 'INVALID_ARGUMENT'],
    ]);
    expect(batch.code).toBe(1); // some inputs failed
  });

  it('reads 48 MP and 100 MP photos, shrinking their pixels before JPEG quality', () => {
    for (const file of ['photo-48mp.jpg', 'photo-100mp.jpg']) {
      expect(lines.find((line) => line.file === file)?.license).toMatchObject({ carClass: truth.car_class });
    }
    expect(batch.stderr).toMatch(/photo-48mp\.jpg: compressed 8000x6000 \d+ bytes -> 4096x3072 \d+ bytes/);
    expect(batch.stderr).toMatch(/photo-100mp\.jpg: compressed 11547x8660 \d+ bytes -> 4096x3072 \d+ bytes/);
  });

  it('reads an https URL of a self-signed local host trusted with --ca', () => {
    expect(lines[3]).toMatchObject({ ok: true, license: { carClass: truth.car_class } });
  });

  it('masks the number, name and address in JSON without --reveal, and says whether it was cached or created', () => {
    const [first] = lines;
    expect(Object.keys(first!).sort()).toEqual([
      'cached',
      'created',
      'file',
      'id',
      'license',
      'ok',
      'warnings',
    ]);
    expect(first).toMatchObject({ created: true, cached: false });
    expect(first!.license.idNum).toMatch(/^\d{4}\*{12}[\dX]{2}$/);
    expect(first!.license.name).toMatch(/^.\*+$/u);
    expect(batch.stdout).not.toContain(truth.id_num);
    expect(batch.stdout).not.toContain(truth.name);
    expect(batch.stdout).not.toContain(truth.address);
    expect(lines[1]).toMatchObject({ ok: true, cached: true, created: false });
  });

  it('says how to lift the per-user daily limit for local batches, and reports progress on stderr in --json mode', () => {
    expect(batch.stderr).toContain('refused by the per-user limit (5 scans a day');
    expect(batch.stderr).toContain('--daily-limit 100000');
    expect(batch.stderr).toMatch(/ocr +\d+\.\ds \[1\/10\] .*licence\.jpg: uploading \d+ bytes, recognizing/);
  });
});
