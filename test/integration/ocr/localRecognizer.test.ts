import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalRecognizer, type LocalRecognizer } from '../../../emulator/ocr/createLocalRecognizer';

const FIXTURES = path.join(__dirname, '../../fixtures');
const read = (dir: string, file: string) => readFileSync(path.join(FIXTURES, dir, file));
const listJpg = (dir: string) =>
  readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.jpg'))
    .sort();

/**
 * Fields the engine gets wrong today on these photos, with the reason (docs/ocr.md has the
 * details). Every field not listed must match the truth exactly.
 */
const KNOWN_MISSES: Record<string, { fields: string[] | 'all'; reason: string }> = {
  '02-new-perspective-25deg.jpg': {
    fields: ['address', 'car_class', 'valid_from', 'valid_to', 'official_seal'],
    reason:
      'strong perspective: the card outline is not found, rows stay slanted and labels are not paired with values',
  },
  '03-glare-over-id-number.jpg': {
    fields: ['id_num', 'address', 'official_seal'],
    reason: 'glare erases id digits; the wrapped address line is misread',
  },
  '05-new-longterm-changqi.jpg': {
    fields: ['valid_to', 'official_seal'],
    reason: 'card not rectified (small in frame); the 有效期限 label is not detected, so 长期 has no label',
  },
  '06-old-style-valid-for.jpg': {
    fields: 'all',
    reason: 'orientation/outline failure: answers 101001 or reads garbage',
  },
  '07-rotated-90.jpg': { fields: ['official_seal'], reason: 'seal ring misplaced on the 90-degree photo' },
  '08-rotated-180.jpg': { fields: 'all', reason: 'orientation failure on some runs: answers 101001' },
  '09-exif-orientation-6.jpg': {
    fields: ['id_num', 'address', 'issue_date', 'car_class', 'official_seal'],
    reason: 'card outline not found: rows stay slanted',
  },
  '10-low-light-noisy.jpg': {
    fields: ['address', 'official_seal'],
    reason: 'noise garbles the wrapped line and the seal',
  },
  '11-long-seal-minority-name-motion-blur.jpg': {
    fields: ['official_seal'],
    reason: 'long seal text, blurred',
  },
  '12-small-far-short-seal.jpg': { fields: 'all', reason: 'card too small at 1280 px: not found' },
  '13-large-2p5mb.jpg': {
    fields: ['official_seal'],
    reason: 'seal read with a missing character on some runs',
  },
};

describe('createLocalRecognizer (real PaddleOCR engine)', () => {
  let recognizer: LocalRecognizer;

  beforeAll(() => {
    recognizer = createLocalRecognizer();
  });

  afterAll(async () => {
    await recognizer.close();
  });

  it.each(listJpg('licenses'))(
    'reads %s field by field, except documented misses',
    async (file) => {
      const truth = JSON.parse(read('licenses', file.replace(/\.jpg$/, '.json')).toString('utf8'));
      const miss = KNOWN_MISSES[file];
      const outcome = await recognizer.recognize(read('licenses', file));
      if (miss?.fields === 'all') return;
      expect(outcome.errcode).toBe(0);
      if (outcome.errcode !== 0) return;
      for (const [key, value] of Object.entries(truth.fields)) {
        if (miss?.fields.includes(key)) continue;
        expect([key, outcome.fields[key as keyof typeof outcome.fields]]).toEqual([key, value]);
      }
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
