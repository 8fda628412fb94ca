import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Point } from '../image/geometry';
import type { RgbImage } from '../image/RgbImage';

type Quad = readonly Point[];

/** What the stages found, in source-photo pixels (see readLicense's trace.draw calls). */
export interface TraceDrawings {
  outlines?: Quad[];
  /** The part of the photo read again enlarged, where no view placed the card. */
  zoom?: Quad;
  card?: Quad;
  document?: string;
  lines?: Array<{ text: string; quad: Quad }>;
  regions?: Array<{ name: string; value: string; how: string; quad: Quad }>;
  seal?: { quad: Quad | null; text: string; lines: Array<{ text: string; quad: Quad }> };
  /** Where the fitted grid puts each printed label. */
  labels?: Quad[];
}

const LONG_SIDE = 1600;
const FONT = 'TraceSans';
let fontsReady = false;

/**
 * The photo with what the engine saw drawn on it: outline candidates (dashed yellow), the part read
 * again enlarged (dashed cyan), the card it placed (green) and what it took it for, where its grid
 * puts the labels (dotted magenta), each field's region (blue, with the value read and how), every
 * text line (orange, with its reading) and the seal (red). PNG bytes.
 */
export async function drawTrace(photo: RgbImage, drawings: TraceDrawings): Promise<Buffer> {
  // Drawing needs canvas and a CJK font, both development dependencies: loaded only when tracing.
  const { createCanvas, GlobalFonts, ImageData } = await import('@napi-rs/canvas');
  if (!fontsReady) {
    const dir = path.join(path.dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files');
    for (const file of readdirSync(dir).filter((f) => /-400-normal\.woff2$/.test(f)))
      GlobalFonts.registerFromPath(path.join(dir, file), FONT);
    fontsReady = true;
  }
  const k = Math.min(1, LONG_SIDE / Math.max(photo.width, photo.height));
  const canvas = createCanvas(Math.round(photo.width * k), Math.round(photo.height * k));
  const ctx = canvas.getContext('2d');
  const full = createCanvas(photo.width, photo.height);
  const rgba = new Uint8ClampedArray(photo.width * photo.height * 4);
  for (let i = 0, j = 0; i < photo.data.length; i += 3, j += 4) {
    rgba[j] = photo.data[i] ?? 0;
    rgba[j + 1] = photo.data[i + 1] ?? 0;
    rgba[j + 2] = photo.data[i + 2] ?? 0;
    rgba[j + 3] = 255;
  }
  full.getContext('2d').putImageData(new ImageData(rgba, photo.width, photo.height), 0, 0);
  ctx.drawImage(full, 0, 0, canvas.width, canvas.height);
  const size = Math.max(11, Math.round(canvas.width / 90));
  const poly = (quad: Quad, colour: string, width: number, dash: number[] = []) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.beginPath();
    for (const [i, [x, y]] of quad.entries()) {
      if (i === 0) ctx.moveTo(x * k, y * k);
      else ctx.lineTo(x * k, y * k);
    }
    ctx.closePath();
    ctx.stroke();
    ctx.setLineDash([]);
  };
  const label = (text: string, [x, y]: Point, colour: string, px = size) => {
    ctx.font = `${px}px ${FONT}`;
    const w = ctx.measureText(text).width;
    ctx.fillStyle = 'rgba(255,255,255,0.8)';
    ctx.fillRect(x * k, y * k - px, w + 4, px + 3);
    ctx.fillStyle = colour;
    ctx.fillText(text, x * k + 2, y * k);
  };
  for (const quad of drawings.outlines ?? []) poly(quad, '#e0c000', 2, [8, 6]);
  if (drawings.zoom) poly(drawings.zoom, '#00b0d0', 2, [8, 6]);
  for (const quad of drawings.labels ?? []) poly(quad, 'rgba(200,0,200,0.8)', 1, [3, 3]);
  for (const line of drawings.lines ?? []) {
    poly(line.quad, 'rgba(255,120,0,0.9)', 1);
    label(line.text, line.quad[3] ?? [0, 0], '#b05000', Math.round(size * 0.75));
  }
  for (const region of drawings.regions ?? []) {
    poly(region.quad, region.value ? '#1060ff' : '#9090a0', 2);
    if (region.value || region.name)
      label(
        `${region.name}: ${region.value || '(empty)'} [${region.how}]`,
        region.quad[0] ?? [0, 0],
        '#1040c0',
      );
  }
  if (drawings.seal?.quad) {
    poly(drawings.seal.quad, '#e00000', 3);
    for (const line of drawings.seal.lines) poly(line.quad, 'rgba(220,0,0,0.6)', 1);
    label(`seal: ${drawings.seal.text || '(empty)'}`, drawings.seal.quad[3] ?? [0, 0], '#c00000');
  }
  if (drawings.card) {
    poly(drawings.card, '#00c040', 3);
    label(drawings.document ?? '', drawings.card[0] ?? [0, 0], '#008030', Math.round(size * 1.3));
  }
  return canvas.toBuffer('image/png');
}
