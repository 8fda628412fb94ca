import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { createLocalRecognizer, type LocalRecognizer } from '../../../emulator/ocr/createLocalRecognizer';
import type { Point } from '../../../emulator/ocr/image/geometry';
import { applyHomography, type Homography, rectToQuad } from '../../../emulator/ocr/image/homography';
import {
  WECHAT_FIELD_NAMES,
  type WeChatDriverLicenseFields,
} from '../../../emulator/openapi/DriverLicenseRecognizer';
import { startRecognizerProcess } from '../support/recognizerProcess';

const FIXTURES = path.join(__dirname, '../../fixtures');
const read = (dir: string, file: string) => readFileSync(path.join(FIXTURES, dir, file));
const listPhotos = (dir: string) =>
  readdirSync(path.join(FIXTURES, dir))
    .filter((f) => /\.(jpg|png)$/.test(f))
    .sort();

/** real-03's main page: the card's corners in the photo (px), measured by hand. */
const REAL_03_CARD = [
  [95, 215],
  [622, 217],
  [623, 573],
  [70, 577],
] as const;
/**
 * Fields the engine must read right on each committed photo where it reads fewer than all 11,
 * and why (the rest it leaves empty or, where noted, misreads).
 */
const HARD: Record<string, [number, string]> = {
  '03-glare-over-id-number': [10, 'the glare hides digits of the number: left empty, not guessed'],
  '05-new-longterm-changqi': [10, 'a thumb covers two characters of the seal: left empty'],
  '09-exif-orientation-6': [9, 'glare over the seal hides a character; the address misreads one'],
  '10-low-light-noisy': [7, 'dark and noisy: the name, the address and the validity are misread or lost'],
  '11-long-seal-minority-name-motion-blur': [10, 'motion blur: the validity end is lost'],
  '15-web-tiny-288': [4, 'the card 288 px wide: labels ~9 px high, digits misread'],
  '16-web-photo-480': [
    0,
    'the card 180 px wide and upside down in a 480 px photo: barely legible to a person',
  ],
  '18-back-page-beside': [8, 'blurred: the name and address misread, the faint seal lost'],
  '19-sleeve-glare-over-address': [10, 'sleeve glare over the address'],
  '20-motion-blur-on-paper-stack': [10, 'motion blur of ~9 px: the name misread'],
  '24-validity-range-without-zhi': [
    8,
    'motion blur of ~8 px and glare: a character of the name and the unit number misread, the first issue date lost',
  ],
  '26-titled-number-glare-over-dates': [
    7,
    'glare over the birth and issue dates, the class and part of the address: those left empty or misread',
  ],
  '30-issue-year-off-the-cycle': [10, 'motion blur at 3.6 px/mm: a character of the street misread'],
  '31-main-page-told-by-its-values': [
    7,
    'glare and defocus at 4.7 px/mm: the number, sex and nationality lost, the address misread',
  ],
  '34-small-card-beside-its-back-page': [
    9,
    'the card at 4 px/mm: a character of the address misread, the seal lost',
  ],
  '35-tilted-card-beside-its-back-page-on-wood': [
    10,
    'glare over the address hides two characters: a hole in its print, left empty',
  ],
};

const REAL_03 = JSON.parse(read('real', 'truth.json').toString('utf8'))[0].expect as Record<string, string>;

/** A photo with a box of its card (card units, `toPhoto` maps them into the photo) painted `rgb`. */
async function paintedOver(
  photo: Buffer,
  toPhoto: Homography,
  box: { x0: number; y0: number; x1: number; y1: number },
  [r, g, b]: readonly [number, number, number],
): Promise<Buffer> {
  const corners = [
    [box.x0, box.y0],
    [box.x1, box.y0],
    [box.x1, box.y1],
    [box.x0, box.y1],
  ].map((p) => applyHomography(toPhoto, p as unknown as Point));
  const points = corners.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const { width = 0, height = 0 } = await sharp(photo).metadata();
  const cover = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><polygon points="${points}" fill="rgb(${r},${g},${b})"/></svg>`,
  );
  return sharp(photo)
    .composite([{ input: cover }])
    .png()
    .toBuffer();
}

/** real-03 with a region of its main page (mm on the card) painted over in the card's green. */
const real03Without = (mm: { x0: number; y0: number; x1: number; y1: number }) =>
  paintedOver(read('real', 'real-03.png'), rectToQuad(REAL_03_CARD, 88, 60), mm, [196, 226, 190]);

describe('createLocalRecognizer (real PaddleOCR engine)', () => {
  let recognizer: LocalRecognizer;

  beforeAll(() => {
    recognizer = startRecognizerProcess();
  });

  afterAll(async () => {
    await recognizer.close();
  });

  it('reads every field of a real photo (real-03: the main page in a sleeve, its 副页 beside it)', async () => {
    const outcome = await recognizer.recognize(read('real', 'real-03.png'));
    expect(outcome).toEqual({
      errcode: 0,
      fields: {
        id_num: REAL_03.idNum,
        name: REAL_03.name,
        sex: REAL_03.sex,
        nationality: REAL_03.nationality,
        address: REAL_03.address,
        birth_date: REAL_03.birthDate,
        issue_date: REAL_03.issueDate,
        car_class: REAL_03.carClass,
        valid_from: REAL_03.validFrom,
        valid_to: REAL_03.validTo,
        official_seal: REAL_03.officialSeal,
      },
    });
  });

  // The old engine filled these from priors: the seal from the holder's province (河北), the name
  // from another line (the 副页 beside it prints 李四 too). Ink that is not there reads as nothing;
  // an address missing words is not read as a shorter one.
  it.each([
    ['official_seal', 'the seal', { x0: 2.5, y0: 30.5, x1: 24.5, y1: 52.8 }],
    ['name', 'the name', { x0: 10.3, y0: 15.2, x1: 38, y1: 20.6 }],
    // Read on past the hole, it would be 河北省承德市 and the rest: an address, and wrong.
    ['address', 'the middle of the address', { x0: 33, y0: 20.8, x1: 41, y1: 25.2 }],
  ] as const)('leaves %s empty when %s is not on the card, and reads the rest', async (field, _what, mm) => {
    const outcome = await recognizer.recognize(await real03Without(mm));
    expect(outcome.errcode).toBe(0);
    if (outcome.errcode !== 0) return;
    expect(outcome.fields[field]).toBe('');
    expect(outcome.fields.id_num).toBe(REAL_03.idNum);
  });

  it('leaves the address empty when its first line is not on the card: the second is no address alone', async () => {
    const truth = JSON.parse(read('licenses', '04-long-address-wraps.json').toString('utf8'));
    const { card, addressLineBoxes, paperRgb } = truth.layout;
    const [line] = addressLineBoxes;
    const outcome = await recognizer.recognize(
      await paintedOver(
        read('licenses', '04-long-address-wraps.jpg'),
        rectToQuad(truth.distortions.cardQuad, card.w, card.h),
        { x0: line.x - 5, y0: line.y - 5, x1: line.x + line.w + 5, y1: line.y + line.h + 5 },
        paperRgb,
      ),
    );
    expect(outcome.errcode).toBe(0);
    if (outcome.errcode !== 0) return;
    expect(outcome.fields.address).toBe('');
    expect(outcome.fields.id_num).toBe(truth.fields.id_num);
  });

  it.each(listPhotos('licenses'))(
    'reads %s: every field, or as many as its conditions allow',
    async (file) => {
      const truth = JSON.parse(read('licenses', file.replace(/\.jpg$/, '.json')).toString('utf8'));
      const outcome = await recognizer.recognize(read('licenses', file));
      const need = HARD[file.replace(/\.jpg$/, '')]?.[0] ?? 11;
      if (need > 0) expect(outcome.errcode).toBe(0);
      const expected = truth.fields as WeChatDriverLicenseFields;
      const right =
        outcome.errcode === 0 ? WECHAT_FIELD_NAMES.filter((f) => outcome.fields[f] === expected[f]) : [];
      // Field names only on failure: the values are (synthetic) personal data.
      const missed = WECHAT_FIELD_NAMES.filter((f) => !right.includes(f));
      expect(
        right.length >= need ? 'ok' : `${right.length} right, need ${need}; missed ${missed.join(', ')}`,
      ).toBe('ok');
    },
    60_000,
  );

  it.each(listPhotos('negatives'))(
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
