import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fromUserDirectory } from '../lib/commandLine';

/** One thing to recognize, named as the user typed it. */
export type Input =
  | { label: string; kind: 'url'; url: string }
  | { label: string; kind: 'file'; file: string }
  | { label: string; kind: 'refused'; code: string; message: string };

const IMAGE_EXTENSION = /\.(jpe?g|png|bmp|webp)$/i;

/**
 * The command line's words as inputs: URLs as they are; files resolved from where the user typed
 * the command; a folder as every image directly inside it (sorted by name), so a batch is one word.
 */
export function readInputs(words: readonly string[], env: NodeJS.ProcessEnv = process.env): Input[] {
  return words.flatMap((word): Input[] => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(word)) return [{ label: word, kind: 'url', url: word }];
    const file = fromUserDirectory(word, env);
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(file);
    } catch {
      return [{ label: word, kind: 'refused', code: 'INVALID_ARGUMENT', message: `no such file: ${word}` }];
    }
    if (!stats.isDirectory()) return [{ label: word, kind: 'file', file }];
    const images = readdirSync(file, { withFileTypes: true })
      .filter((entry) => entry.isFile() && IMAGE_EXTENSION.test(entry.name))
      .map((entry) => entry.name)
      .sort();
    if (images.length === 0) {
      return [
        {
          label: word,
          kind: 'refused',
          code: 'INVALID_ARGUMENT',
          message: `${word} is a folder with no .jpg, .jpeg, .png, .bmp or .webp file in it`,
        },
      ];
    }
    return images.map((name) => ({
      label: path.join(word, name),
      kind: 'file',
      file: path.join(file, name),
    }));
  });
}
