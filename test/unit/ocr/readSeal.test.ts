/**
 * The seal reader end to end with the real PaddleOCR engine, on seals drawn by the fixture
 * generator's stamp (curved text, uneven ink) over black print: upright, upside down, seen in
 * perspective and cut by the card's edge.
 */
import { createCanvas } from '@napi-rs/canvas';
import { type RgbImage, rotate180 } from '../../../emulator/ocr/RgbImage';
import { readSeal, readSealDetailed } from '../../../emulator/ocr/readSeal';
import { drawSeal } from '../../../scripts/fixtures/drawSeal';
import { FONT, font, registerFonts } from '../../../scripts/fixtures/fonts';
import { Rng } from '../../../scripts/fixtures/Rng';
import { canvasImage } from './support/canvasImage';
import { useEngine } from './support/useEngine';

interface Placement {
  cx: number;
  cy: number;
  /** Vertical squash (perspective). */
  squash?: number;
  /** Defocus of the stamp (px). */
  blur?: number;
}

/** A cream 1200 x 818 card with black label text and the seal stamped (multiplied) over it. */
function card(text: string, seed: number, at: Placement): RgbImage {
  registerFonts();
  const width = 1200;
  const height = 818;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'rgb(240,238,230)';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = 'rgb(30,30,30)';
  ctx.font = font(34, FONT.sans);
  const labels = [
    '出生日期   1990-01-01',
    '初次领证日期   2015-06-30',
    '准驾车型   C1',
    '有效期限   2015-06-30',
  ];
  labels.forEach((line, i) => {
    ctx.fillText(line, 40, 470 + i * 80);
  });
  const seal = drawSeal(new Rng(seed), { text, radius: 145 });
  ctx.save();
  ctx.globalCompositeOperation = 'multiply';
  if (at.blur) ctx.filter = `blur(${at.blur}px)`;
  ctx.translate(at.cx, at.cy);
  ctx.scale(1, at.squash ?? 1);
  ctx.drawImage(seal, -seal.width / 2, -seal.height / 2);
  ctx.restore();
  return canvasImage(ctx, width, height);
}

describe('readSeal (real OCR engine)', () => {
  const engine = useEngine();

  // Every row has all five values: a shorter row would make jest pass `done` as the last one.
  it.each<[string, string, number, Placement, boolean]>([
    ['upright', '广东省深圳市公安局交通警察支队', 11, { cx: 260, cy: 600 }, false],
    ['upside down', '北京市公安局公安交通管理局', 12, { cx: 260, cy: 600 }, true],
    ['squashed by perspective', '江苏省南京市公安局交通管理局', 13, { cx: 300, cy: 560, squash: 0.8 }, false],
    ['cut by the card edge', '湖北省武汉市公安局交通管理局', 14, { cx: 250, cy: 720 }, false],
  ])(
    'reads a seal %s',
    async (_name, text, seed, at, turned) => {
      const image = card(text, seed, at);
      expect(await readSeal(engine(), turned ? rotate180(image) : image)).toBe(text);
    },
    30_000,
  );

  it.each<[string, string, string, Placement, string]>([
    [
      'a clear seal of another prefecture wins over the address',
      '江苏省南京市公安局交通管理局',
      '浙江省杭州市西湖区教工路443号',
      { cx: 260, cy: 600 },
      '江苏省南京市公安局交通管理局',
    ],
    [
      "a seal too blurred to read is the address's prefecture in its commonest form",
      '浙江省杭州市公安局交通警察支队',
      '浙江省杭州市西湖区教工路443号',
      { cx: 260, cy: 600, blur: 7 },
      '浙江省杭州市公安局交通警察支队',
    ],
  ])(
    '%s',
    async (_name, text, address, at, expected) => {
      expect(await readSeal(engine(), card(text, 21, at), address)).toBe(expected);
    },
    30_000,
  );

  it('returns an empty reading when the card has no seal', async () => {
    const blank: RgbImage = { data: new Uint8Array(600 * 400 * 3).fill(235), width: 600, height: 400 };
    const reading = await readSealDetailed(engine(), blank);
    expect(reading.text).toBe('');
    expect(reading.ring).toBeNull();
  });
});
