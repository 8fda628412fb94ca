import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openView, photoView } from '../../../emulator/ocr/card/readView';
import { decodePhoto } from '../../../emulator/ocr/image/decodePhoto';
import { OnnxEngine } from '../../../emulator/ocr/text/OnnxEngine';

const LICENSES = path.join(__dirname, '../../fixtures/licenses');

describe('openView (the real detector and recognizer turn a whole photo upright)', () => {
  let engine: OnnxEngine;

  beforeAll(async () => {
    engine = await OnnxEngine.start(2);
  });

  afterAll(async () => {
    await engine.close();
  });

  it.each([
    ['a card upside down in the frame, its lines readable', 180, '08-rotated-180.jpg'],
    ['a card a quarter turned, its lines readable', 270, '07-rotated-90.jpg'],
    // Its widest boxes each take in several rows: upright they read nothing, turned over scraps.
    [
      'an upright card turned 8 degrees, small beside its 副页',
      0,
      '35-tilted-card-beside-its-back-page-on-wood.jpg',
    ],
  ])(
    'turns %s by %i degrees',
    async (_, turned, file) => {
      const photo = await decodePhoto(readFileSync(path.join(LICENSES, file)), {
        workSize: 1280,
        sourceSize: 2048,
      });
      const text = await openView(engine, photoView(photo.work), 960);
      expect(text.turned).toBe(turned);
    },
    30_000,
  );
});
