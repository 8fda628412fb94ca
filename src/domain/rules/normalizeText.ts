/**
 * Text clean-up shared by the domain normalizers. OCR output mixes full-width and half-width
 * characters, ideographic spaces and stray spaces between characters, so every field goes
 * through these before it is parsed or compared.
 */

const FULL_WIDTH_START = 0xff01; // ！
const FULL_WIDTH_END = 0xff5e; // ～
const FULL_WIDTH_OFFSET = 0xfee0;

/** Full-width ASCII (Ｃ１, ２０１９) -> half-width (C1, 2019); the ideographic space -> ' '. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END)
      out += String.fromCharCode(code - FULL_WIDTH_OFFSET);
    else if (code === 0x3000) out += ' ';
    else out += char;
  }
  return out;
}

// \s covers U+3000 (ideographic space), U+00A0 and the other Unicode spaces; zero-width ones are added.
const SPACES = /(?:\s|\u200b|\u200c|\u200d|\ufeff)+/gu;

/** Every run of whitespace (any kind) becomes one ' '; the ends are trimmed. */
export function collapseSpaces(text: string): string {
  return text.replace(SPACES, ' ').trim();
}

/** Removes every whitespace character (for numbers, dates and classes, where OCR inserts spaces). */
export function removeSpaces(text: string): string {
  return text.replace(SPACES, '');
}

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}]) (?=[${CJK}])`, 'gu');

/**
 * For names and addresses: collapse whitespace and drop the spaces OCR puts between Chinese
 * characters ('张 三' -> '张三'), but keep spaces between Latin words ('JOHN SMITH').
 */
export function normalizeFreeText(text: string): string {
  return collapseSpaces(text).replace(SPACE_BETWEEN_CJK, '');
}
