import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ENGINE = path.join(__dirname, '../../../emulator/ocr');
const ROOT = path.join(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|mjs)$/.test(name) ? [full] : [];
  });
}

const imports = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1] ?? '');

describe('the OCR engine (emulator/ocr) imports', () => {
  it.each(sources(ENGINE).map((f) => [path.relative(ROOT, f), f]))(
    '%s takes nothing from src/ but the licence rules (src/domain/rules)',
    (_name, file) => {
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) continue;
        const target = path.relative(ROOT, path.resolve(path.dirname(file), spec));
        if (target.startsWith('src')) expect(target).toMatch(/^src\/domain\/rules\//);
        // The engine serves the emulator; it never reaches into the scripts or the tests.
        expect(target).not.toMatch(/^(scripts|test|cloudfunctions)\//);
      }
    },
  );

  it('has its rooms: image, text, card, layout, fields, seal', () => {
    const rooms = readdirSync(ENGINE).filter((n) => statSync(path.join(ENGINE, n)).isDirectory());
    expect(rooms).toEqual(expect.arrayContaining(['image', 'text', 'card', 'layout', 'fields', 'seal']));
  });
});
