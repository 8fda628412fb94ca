/**
 * Writes emulator/ocr/fields/data/countries.txt, the country names the local OCR engine reads 国籍
 * against, from the Chinese names of ISO 3166-1 as packaged by `i18n-iso-countries` (MIT; not a
 * dependency, the engine needs only the names): `npm pack i18n-iso-countries@7.14.0 && tar xzf
 * i18n-iso-countries-7.14.0.tgz`, then `npx tsx scripts/buildCountries.ts package/langs/zh.json`.
 * One name per line, every spelling the package lists, in Han characters only as the engine reads
 * a value (中国, 美国, 俄罗斯, 刚果金 for 刚果（金）…).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const source = process.argv[2];
if (!source) {
  console.error('usage: npx tsx scripts/buildCountries.ts <i18n-iso-countries>/langs/zh.json');
  process.exit(2);
}
const { countries } = JSON.parse(readFileSync(source, 'utf8')) as {
  countries: Record<string, string | string[]>;
};
const names = new Set(
  Object.values(countries)
    .flat()
    .map((name) => name.replace(/[^\u4e00-\u9fff]/g, ''))
    .filter((name) => name.length >= 2),
);
const out = path.join(__dirname, '..', 'emulator', 'ocr', 'fields', 'data', 'countries.txt');
const header =
  '# ISO 3166-1 names in Chinese from i18n-iso-countries 7.14.0 (MIT, Copyright (c) 2016 widdix GmbH)';
writeFileSync(out, `${header}\n${[...names].sort().join('\n')}\n`);
console.log(`${names.size} names -> ${out}`);
