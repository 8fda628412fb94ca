/**
 * Seal-only benchmark: `npx tsx scripts/bench/benchSeal.ts [--count 40] [--seed 5000]
 * [--cache DIR] [--dump DIR]`. Each generated photo is decoded and rectified exactly as the engine
 * does (`readCard`, which also orients the card), then `readSeal` reads the seal; prints the
 * official_seal exact-match rate and ms per seal (the seal reader alone). Rectified cards are
 * cached as PNG in --cache (default /tmp/seal-cards) because rectifying costs ~1 s a photo and
 * does not depend on the seal reader. --dump writes each unwrapped strip as PNG, for looking at.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { OnnxEngine } from '../../emulator/ocr/OnnxEngine';
import type { RgbImage } from '../../emulator/ocr/RgbImage';
import { decodePhoto, readCard } from '../../emulator/ocr/readCard';
import { readSealDetailed } from '../../emulator/ocr/readSeal';
import { generateLicensePhoto } from '../fixtures/renderLicense';
import { percentile } from './stats';

interface CachedCard {
  card: RgbImage;
  truth: string;
  found: boolean;
}

async function toPng(image: RgbImage): Promise<Buffer> {
  return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length), {
    raw: { width: image.width, height: image.height, channels: 3 },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

async function fromPng(file: string): Promise<RgbImage> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}

async function cardFor(engine: OnnxEngine, seed: number, cache: string): Promise<CachedCard> {
  const png = path.join(cache, `card-${seed}.png`);
  const meta = path.join(cache, `card-${seed}.json`);
  if (existsSync(png) && existsSync(meta)) {
    const { truth, found } = JSON.parse(readFileSync(meta, 'utf8')) as { truth: string; found: boolean };
    return { card: await fromPng(png), truth, found };
  }
  const { image, truth } = await generateLicensePhoto(seed);
  const photo = await decodePhoto(image, 1280);
  const reading = await readCard(engine, photo, { workSize: 1280, detScale: 0.8 });
  writeFileSync(png, await toPng(reading.card));
  writeFileSync(meta, JSON.stringify({ truth: truth.fields.official_seal, found: reading.found }));
  return { card: reading.card, truth: truth.fields.official_seal, found: reading.found };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '40' },
      seed: { type: 'string', default: '5000' },
      cache: { type: 'string', default: '/tmp/seal-cards' },
      dump: { type: 'string' },
    },
    strict: true,
  });
  const count = Number(values.count);
  const seed = Number(values.seed);
  mkdirSync(values.cache, { recursive: true });
  if (values.dump) mkdirSync(values.dump, { recursive: true });
  const engine = await OnnxEngine.start(2);
  const times: number[] = [];
  let right = 0;
  let unrectifiedRight = 0;
  let unrectified = 0;
  try {
    for (let i = 0; i < count; i++) {
      const s = seed + i;
      const { card, truth, found } = await cardFor(engine, s, values.cache);
      const started = performance.now();
      const result = await readSealDetailed(engine, card);
      times.push(performance.now() - started);
      const ok = result.text === truth;
      if (ok) right++;
      if (!found) {
        unrectified++;
        if (ok) unrectifiedRight++;
      }
      const b = result.band;
      const ring = result.ring
        ? `ring ${result.ring.cx.toFixed(0)},${result.ring.cy.toFixed(0)} r${result.ring.rx.toFixed(0)}/${result.ring.ry.toFixed(0)}` +
          (b
            ? ` up${((b.up * 180) / Math.PI).toFixed(0)} span${((b.halfSpan * 360) / Math.PI).toFixed(0)} band${b.inner.toFixed(2)}-${b.outer.toFixed(2)}`
            : '')
        : 'no ring';
      console.log(
        `${ok ? 'ok ' : 'BAD'} ${s}${found ? '' : ' (unrectified)'} ${ring} raw "${result.raw}" -> "${result.text}"${ok ? '' : ` want "${truth}"`}`,
      );
      console.log(
        `    ${result.candidates.map((c) => `${c.text === truth ? '*' : ''}${c.text} ${c.loss.toFixed(1)}`).join(' | ')}`,
      );
      if (values.dump && result.strip)
        writeFileSync(path.join(values.dump, `strip-${s}.png`), await toPng(result.strip));
    }
  } finally {
    await engine.close();
  }
  console.log(
    `\nofficial_seal exact ${right}/${count} (${((100 * right) / count).toFixed(1)}%), unrectified ${unrectifiedRight}/${unrectified}`,
  );
  console.log(
    `ms per seal: median ${percentile(times, 50).toFixed(0)}, p95 ${percentile(times, 95).toFixed(0)}, max ${Math.max(...times).toFixed(0)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
