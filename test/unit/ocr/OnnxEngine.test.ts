import fs from 'node:fs';
import path from 'node:path';
import { decodePhoto } from '../../../emulator/ocr/image/decodePhoto';
import { OnnxEngine } from '../../../emulator/ocr/text/OnnxEngine';
import { detectBoxes, readBoxes } from '../../../emulator/ocr/text/readLines';

const photo = path.join(__dirname, '../../fixtures/real/real-03.png');

/** The whole photo's boxes and lines, every line asked for at once. */
async function readWith(threads: number) {
  const engine = await OnnxEngine.start(threads);
  try {
    const { work } = await decodePhoto(fs.readFileSync(photo), { workSize: 1280, sourceSize: 2048 });
    const boxes = await detectBoxes(engine, work, 960 / Math.max(work.width, work.height));
    const lines = await readBoxes(engine, work, boxes);
    return { boxes, lines };
  } finally {
    await engine.close();
  }
}

describe('OnnxEngine', () => {
  it('reads the same boxes and lines with one worker per core as with a single worker', async () => {
    const [one, two] = [await readWith(1), await readWith(2)];
    expect(one.boxes.length).toBeGreaterThan(10);
    expect(two.boxes).toEqual(one.boxes);
    // Each line went to whichever worker was free, yet comes back as its own reading, in order.
    expect(two.lines.map((l) => l.text)).toEqual(one.lines.map((l) => l.text));
    expect(two.lines.map((l) => l.text)).toContain('中华人民共和国机动车驾驶证');
  }, 120_000);

  it('lets the runs in flight end and refuses the queued calls when closed while busy', async () => {
    const engine = await OnnxEngine.start(2);
    const line = () => engine.recognize(new Float32Array(3 * 48 * 800), 800);
    // More calls than workers: the first two run (one per worker), the rest wait in the queue.
    const settled = Promise.allSettled([
      line(),
      line(),
      engine.detect(new Float32Array(3 * 640 * 640), 640, 640),
      line(),
      line(),
    ]);
    await engine.close();
    // Stopping a worker inside a model run would abort this process, test runner and all.
    expect((await settled).map((s) => (s.status === 'rejected' ? String(s.reason) : s.status))).toEqual([
      'fulfilled',
      'fulfilled',
      'Error: OCR engine is closed',
      'Error: OCR engine is closed',
      'Error: OCR engine is closed',
    ]);
  }, 60_000);

  it('refuses calls once closed', async () => {
    const engine = await OnnxEngine.start(2);
    await engine.close();
    await expect(engine.recognize(new Float32Array(3 * 48 * 16), 16)).rejects.toThrow('closed');
  }, 60_000);
});
