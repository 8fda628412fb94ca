import { readFileSync } from 'node:fs';
import path from 'node:path';

let names: ReadonlySet<string> | undefined;

/**
 * Whether `text` is a country's name in Chinese, as ISO 3166-1 has it (data/countries.txt, built
 * by scripts/buildCountries.ts): what a licence prints after 国籍.
 */
export function isCountry(text: string): boolean {
  names ??= new Set(
    readFileSync(path.join(__dirname, 'data', 'countries.txt'), 'utf8')
      .split('\n')
      .filter((n) => n !== '' && !n.startsWith('#')),
  );
  return names.has(text);
}
