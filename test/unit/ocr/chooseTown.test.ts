/** Choosing among real towns by the ink of the address line, with the real PaddleOCR engine. */
import { createCanvas } from '@napi-rs/canvas';
import { chooseTown } from '../../../emulator/ocr/chooseTown';
import type { RgbImage } from '../../../emulator/ocr/RgbImage';
import type { OcrLine } from '../../../emulator/ocr/readCard';
import { FONT, font, registerFonts } from '../../../scripts/fixtures/fonts';
import { canvasImage } from './support/canvasImage';
import { useEngine } from './support/useEngine';

/** One address line printed in black on cream, slightly defocused as in a photo. */
function printed(text: string): RgbImage {
  registerFonts();
  const width = 760;
  const height = 56;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'rgb(236,232,220)';
  ctx.fillRect(0, 0, width, height);
  ctx.filter = 'blur(1.2px)';
  ctx.fillStyle = 'rgb(40,40,40)';
  ctx.font = font(34, FONT.serif);
  ctx.fillText(text, 10, 41);
  return canvasImage(ctx, width, height);
}

describe('chooseTown (real OCR engine)', () => {
  const engine = useEngine();

  const read = '郸城县汲家镇王营村2组65号';
  const line: OcrLine = { text: read, confidence: 0.9, box: { x0: 0, y0: 0, x1: 760, y1: 56 } };

  it.each(['汲冢镇', '汲水镇'])(
    'takes %s when that is what the line prints',
    async (printedTown) => {
      const card = printed(`郸城县${printedTown}王营村2组65号`);
      expect(
        await chooseTown(engine(), card, [line], { read: '汲家镇', options: ['汲冢镇', '汲水镇'] }),
      ).toBe(printedTown);
    },
    30_000,
  );

  it('keeps the town as read when no line holds it', async () => {
    const card = printed('郸城县汲冢镇王营村2组65号');
    const other: OcrLine = { ...line, text: '王营村2组65号' };
    expect(await chooseTown(engine(), card, [other], { read: '汲家镇', options: ['汲冢镇', '汲水镇'] })).toBe(
      '汲家镇',
    );
  });
});
