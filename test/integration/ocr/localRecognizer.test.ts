import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalRecognizer, type LocalRecognizer } from '../../../emulator/ocr/createLocalRecognizer';

const FIXTURES = path.join(__dirname, '../../fixtures');
const read = (dir: string, file: string) => readFileSync(path.join(FIXTURES, dir, file));
const listJpg = (dir: string) =>
  readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.jpg'))
    .sort();

describe('createLocalRecognizer (real PaddleOCR engine)', () => {
  let recognizer: LocalRecognizer;

  beforeAll(() => {
    recognizer = createLocalRecognizer();
  });

  afterAll(async () => {
    await recognizer.close();
  });

  // Glare over the number (03), over the seal (09) and a far-away card (12) included: the number
  // is restored from the birth date, the seal decoded against the authority grammar.
  it.each(listJpg('licenses'))(
    'reads every field of %s exactly',
    async (file) => {
      const truth = JSON.parse(read('licenses', file.replace(/\.jpg$/, '.json')).toString('utf8'));
      const outcome = await recognizer.recognize(read('licenses', file));
      expect(outcome.errcode).toBe(0);
      if (outcome.errcode !== 0) return;
      expect(outcome.fields).toEqual(truth.fields);
    },
    60_000,
  );

  it.each(listJpg('negatives'))(
    'answers 101001 certificate not found for the negative %s',
    async (file) => {
      await expect(recognizer.recognize(read('negatives', file))).resolves.toEqual({
        errcode: 101001,
        errmsg: 'certificate not found',
      });
    },
    60_000,
  );

  it('answers 101002 image decode failed for bytes that are not an image', async () => {
    const garbage = Buffer.from('this is not an image at all, just text bytes');
    await expect(recognizer.recognize(garbage)).resolves.toEqual({
      errcode: 101002,
      errmsg: 'image decode failed',
    });
  });

  it('answers 101002 for a truncated JPEG', async () => {
    const truncated = read('sample', 'licence.jpg').subarray(0, 2000);
    await expect(recognizer.recognize(truncated)).resolves.toEqual({
      errcode: 101002,
      errmsg: 'image decode failed',
    });
  });

  it('rejects unknown options', () => {
    expect(() => createLocalRecognizer({ worksize: 1 } as never)).toThrow('unknown option "worksize"');
  });
});
