import { ctcMatrixOf } from './ctcMatrixOf';

/** A dictionary of the characters the tests read (class i + 1 is DICT[i]; class 0 is blank). */
export const DICT = [...'0123456789-至长期X'];

/**
 * Scores for a line whose characters were read as `chars`, each step either a character (with
 * its alternatives and their probabilities) or a blank between them.
 */
export function line(chars: Array<Record<string, number>>): ReturnType<typeof ctcMatrixOf> {
  const classes = DICT.length + 1;
  const rows: number[][] = [];
  for (const alternatives of chars) {
    const row = new Array<number>(classes).fill(0.001);
    for (const [char, p] of Object.entries(alternatives)) row[DICT.indexOf(char) + 1] = p;
    rows.push(row);
    const blank = new Array<number>(classes).fill(0.001);
    blank[0] = 0.98;
    rows.push(blank);
  }
  return ctcMatrixOf(Float32Array.from(rows.flat()), rows.length, classes);
}
export const sure = (text: string) => [...text].map((c) => ({ [c]: 0.97 }));
