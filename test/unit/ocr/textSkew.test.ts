import { createCanvas } from '@napi-rs/canvas';
import type { RgbImage } from '../../../emulator/ocr/RgbImage';
import { textSkew } from '../../../emulator/ocr/textSkew';
import { FONT, font, registerFonts } from '../../../scripts/fixtures/fonts';
import { canvasImage } from './support/canvasImage';

/** Licence-like rows of print on paper, the whole block turned by `degrees` (clockwise). */
function printedAt(degrees: number): RgbImage {
  registerFonts();
  const width = 1200;
  const height = 818;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'rgb(238,232,228)';
  ctx.fillRect(0, 0, width, height);
  ctx.translate(width / 2, height / 2);
  ctx.rotate((degrees * Math.PI) / 180);
  ctx.translate(-width / 2, -height / 2);
  ctx.fillStyle = 'rgb(35,35,35)';
  const rows = [
    '姓名  方敏      性别 女   国籍 中国',
    '住址  河南省郑州市金水区农业路731号金色',
    '      港湾17栋5单元1506室',
    '出生日期  2002-12-04',
    '初次领证日期  2025-03-10',
    '准驾车型  C1',
    '有效期限  2025-03-10 至 2031-03-10',
  ];
  ctx.font = font(36, FONT.sans);
  rows.forEach((row, i) => {
    ctx.fillText(row, 160, 200 + i * 70);
  });
  return canvasImage(ctx, width, height);
}

describe('textSkew', () => {
  it.each([0, 5, -5, 12, -17])('measures print turned by %d degrees within a degree', (degrees) => {
    const measured = (textSkew(printedAt(degrees)) * 180) / Math.PI;
    expect(Math.abs(measured - degrees)).toBeLessThanOrEqual(1);
  });

  it('measures no angle on blank paper', () => {
    const blank: RgbImage = { data: new Uint8Array(300 * 200 * 3).fill(230), width: 300, height: 200 };
    expect(textSkew(blank)).toBe(0);
  });
});
