/**
 * The commands the documentation shows: every line of a shell code block, and every inline code
 * span, that runs npm, npx or curl (a `&&` chain counts as its commands; `export` lines do not).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface DocumentedCommand {
  /** As written, without a trailing comment, on one line. */
  command: string;
  /** Where it is written: `docs/deploy.md:39`. */
  where: string;
}

const RUNNABLE = /^(npm|npx|curl)\s/;

export function documentedCommands(root: string, files: readonly string[]): DocumentedCommand[] {
  const found: DocumentedCommand[] = [];
  for (const file of files) {
    const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
    let fence: string | undefined;
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index]!;
      const where = `${file}:${index + 1}`;
      const opening = /^\s*```(\w*)\s*$/.exec(line);
      if (opening) {
        fence = fence === undefined ? (opening[1] ?? '') : undefined;
        continue;
      }
      if (fence !== undefined) {
        if (!['', 'sh', 'bash', 'shell'].includes(fence)) continue;
        let text = line.trim();
        while (text.endsWith('\\') && index + 1 < lines.length) {
          index++;
          text = `${text.slice(0, -1).trim()} ${lines[index]!.trim()}`;
        }
        for (const part of withoutComment(text).split(/\s+&&\s+/)) {
          if (RUNNABLE.test(part)) found.push({ command: part.trim(), where });
        }
        continue;
      }
      for (const span of line.matchAll(/`([^`]+)`/g)) {
        const text = span[1]!.trim();
        if (RUNNABLE.test(text)) found.push({ command: text, where });
      }
    }
  }
  return found;
}

/** A `#` comment ends a shell line only outside quotes and after white space. */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      return line.slice(0, i).trim();
    }
  }
  return line.trim();
}

/** Shell words, for commands run without a shell: quotes group, nothing expands. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (const c of command) {
    if (quote) {
      if (c === quote) quote = undefined;
      else current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      started = true;
    } else if (/\s/.test(c)) {
      if (started) words.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (started) words.push(current);
  return words;
}
