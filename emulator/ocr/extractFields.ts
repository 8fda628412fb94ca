import { CAR_CLASSES } from '../../src/domain/carClass';
import type { WeChatDriverLicenseFields } from '../openapi/DriverLicenseRecognizer';

/** A recognized text line and its box on the rectified card (pixels, y down). */
export interface TextLine {
  text: string;
  box: { x0: number; y0: number; x1: number; y1: number };
}

export type FieldKey = Exclude<keyof WeChatDriverLicenseFields, 'official_seal'>;
export type LabelKey = Exclude<FieldKey, 'valid_to'> | 'valid_period';

const HAN = '[\\u4e00-\\u9fff]';

/**
 * Labels as they appear with whitespace removed. Chinese labels of four or more characters also
 * match with any one character misread; English labels tolerate the usual l/I/1 confusions.
 */
const LABELS: ReadonlyArray<{ key: LabelKey; zh: string; en: string[] }> = [
  { key: 'id_num', zh: '证号', en: ['No\\.?'] },
  { key: 'name', zh: '姓名', en: ['Name'] },
  { key: 'sex', zh: '性别', en: ['Sex'] },
  { key: 'nationality', zh: '国籍', en: ['Nationa[l1I]ity'] },
  { key: 'address', zh: '住址', en: ['Address'] },
  { key: 'birth_date', zh: '出生日期', en: ['Date?ofBirth'] },
  { key: 'issue_date', zh: '初次领证日期', en: ['Date?ofFirst[Il1|]ssue'] },
  { key: 'car_class', zh: '准驾车型', en: ['C[l1I]ass'] },
  { key: 'valid_from', zh: '有效起始日期', en: ['Va[l1I]idFrom'] },
  { key: 'valid_period', zh: '有效期限', en: ['Va[l1I]idPeriod', 'Va[l1I]idFor'] },
];

const LABEL_PATTERNS = LABELS.map(({ key, zh, en }) => {
  const chars = [...zh];
  const variants = [zh];
  if (chars.length >= 4) {
    for (let i = 0; i < chars.length; i++) {
      // One character misread, or one dropped (faint print, the seal over it).
      variants.push(chars.map((c, j) => (j === i ? HAN : c)).join(''));
      variants.push(chars.filter((_, j) => j !== i).join(''));
    }
  }
  if (chars.length >= 6) {
    // Long labels keep their meaning with two characters lost or misread (有效日期, 初次领记口期).
    for (let i = 0; i < chars.length; i++)
      for (let k = i + 1; k < chars.length; k++) {
        variants.push(chars.filter((_, j) => j !== i && j !== k).join(''));
        variants.push(chars.map((c, j) => (j === i || j === k ? HAN : c)).join(''));
      }
  }
  // 姓 opening a row is 姓名 with 名 lost: no other row of the card starts with it.
  if (key === 'name') variants.push('^姓');
  const english = `(?:${en.join('|')})`;
  // The Chinese label with its optional English gloss, or (when the Chinese was missed) the English alone.
  const source = `(?:${variants.join('|')})${english}?|${english}`;
  return { key, regex: new RegExp(source, 'gi') };
});

interface LabelHit {
  key: LabelKey;
  start: number;
  end: number;
  /** Matched by the English gloss alone. */
  english: boolean;
}

interface Row {
  text: string;
  lines: TextLine[];
  y0: number;
  y1: number;
  x0: number;
  /** Only English glosses (or other small Latin text under a label). */
  gloss: boolean;
}

/**
 * English glosses printed under the labels (and the English title): small Latin-only boxes. They
 * never take values, so a value sitting between its label and the gloss below goes to the label.
 */
const GLOSS_TEXT = /^[A-Za-z.,'’\s]{3,}$/;

function isGloss(line: TextLine, typicalHeight: number): boolean {
  return GLOSS_TEXT.test(line.text) && line.box.y1 - line.box.y0 < typicalHeight * 0.8;
}

const centerY = (l: TextLine) => (l.box.y0 + l.box.y1) / 2;
const centerX = (l: TextLine) => (l.box.x0 + l.box.x1) / 2;
const heightOf = (l: TextLine) => l.box.y1 - l.box.y0;

/**
 * Residual slant of the text rows (dy/dx): the median over neighbouring boxes of similar height
 * that sit side by side. An imperfect outline leaves rows slightly sloped after rectification.
 */
function rowSlope(lines: readonly TextLine[]): number {
  const slopes: number[] = [];
  for (const a of lines) {
    for (const b of lines) {
      const ha = heightOf(a);
      const hb = heightOf(b);
      const gap = b.box.x0 - a.box.x1;
      if (gap < -0.2 * ha || gap > 3 * ha) continue;
      if (Math.max(ha, hb) > 1.5 * Math.min(ha, hb)) continue;
      const dy = centerY(b) - centerY(a);
      if (Math.abs(dy) > 0.8 * Math.max(ha, hb)) continue;
      slopes.push(dy / Math.max(1, centerX(b) - centerX(a)));
    }
  }
  if (slopes.length < 2) return 0;
  slopes.sort((p, q) => p - q);
  return Math.max(-0.12, Math.min(0.12, slopes[Math.floor(slopes.length / 2)] ?? 0));
}

/**
 * Groups lines into rows following the text direction: left to right, each line joins the row
 * whose last line it continues (to the right, at the height the row's slant predicts), else it
 * starts a row. Each row's text is its lines left to right; rows are ordered top to bottom.
 */
export function groupRows(lines: readonly TextLine[]): Row[] {
  const heights = lines
    .filter((l) => /[\u4e00-\u9fff0-9]/.test(l.text))
    .map(heightOf)
    .sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)] ?? 0;
  // Specks far smaller than any print (a dot of the security pattern read as "S") are dropped.
  const legible = lines.filter((l) => heightOf(l) >= typical * 0.45);
  const glosses = legible.filter((l) => isGloss(l, typical));
  const body = legible.filter((l) => !isGloss(l, typical));
  const slope = rowSlope(body);
  const rows: TextLine[][] = glosses.map((g) => [g]);
  // Every plausible "b continues a to the right" link, cheapest (best aligned, then nearest) first;
  // each line takes one successor and one predecessor, so a closer-aligned value beats a wrapped
  // line that only grazes the label's row.
  const links: Array<{ a: TextLine; b: TextLine; cost: number }> = [];
  for (const a of body) {
    for (const b of body) {
      if (a === b || centerX(b) <= centerX(a)) continue;
      const overlap = a.box.x1 - b.box.x0;
      const h = Math.max(heightOf(a), heightOf(b));
      if (overlap > 0.8 * Math.min(heightOf(a), heightOf(b))) continue;
      const predicted = centerY(a) + slope * (centerX(b) - centerX(a));
      const d = Math.abs(centerY(b) - predicted) / h;
      if (d < 0.55) links.push({ a, b, cost: d + Math.max(0, -overlap) / (10 * h) });
    }
  }
  links.sort((p, q) => p.cost - q.cost);
  const next = new Map<TextLine, TextLine>();
  const previous = new Map<TextLine, TextLine>();
  for (const { a, b } of links) {
    if (next.has(a) || previous.has(b)) continue;
    next.set(a, b);
    previous.set(b, a);
  }
  const open: TextLine[][] = [];
  for (const line of body) {
    if (previous.has(line)) continue;
    const chain = [line];
    for (let n = next.get(line); n; n = next.get(n)) chain.push(n);
    open.push(chain);
  }
  // A value cut off from its label's chain by an overlapping box (seal text read as a line) still
  // lies level with the row: merge such chains into the row they continue.
  const starts = (c: TextLine[]) => (c[0] as TextLine).box.x0;
  open.sort((a, b) => starts(a) - starts(b));
  for (let i = open.length - 1; i >= 0; i--) {
    const chain = open[i] as TextLine[];
    const first = chain[0] as TextLine;
    const host = open.find((r, k) => {
      if (k === i || starts(r) >= first.box.x0) return false;
      const near = [...r].sort(
        (p, q) => Math.abs(centerX(p) - centerX(first)) - Math.abs(centerX(q) - centerX(first)),
      )[0] as TextLine;
      const predicted = centerY(near) + slope * (centerX(first) - centerX(near));
      return Math.abs(centerY(first) - predicted) < 0.45 * Math.max(heightOf(near), heightOf(first));
    });
    if (!host) continue;
    host.push(...chain);
    host.sort((p, q) => p.box.x0 - q.box.x0);
    open.splice(i, 1);
  }
  rows.push(...open);
  const level = (l: TextLine) => centerY(l) - slope * centerX(l);
  return rows
    .map((rowLines) => ({
      lines: rowLines,
      text: rowLines.map((l) => squeeze(l.text)).join(''),
      y0: Math.min(...rowLines.map((l) => l.box.y0)),
      y1: Math.max(...rowLines.map((l) => l.box.y1)),
      x0: Math.min(...rowLines.map((l) => l.box.x0)),
      gloss: rowLines.every((l) => glosses.includes(l)),
      level: level(rowLines[0] as TextLine),
    }))
    .sort((a, b) => a.level - b.level)
    .map(({ level: _, ...row }) => row);
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

function findLabels(text: string): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const { key, regex } of LABEL_PATTERNS) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      hits.push({ key, start: m.index, end: m.index + m[0].length, english: !/[\u4e00-\u9fff]/.test(m[0]) });
    }
  }
  // Longest first wins overlaps (有效起始日期 over a fuzzy 有效期限, Date of First Issue over No.).
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: LabelHit[] = [];
  for (const hit of hits) {
    if (!kept.some((k) => hit.start < k.end && k.start < hit.end)) kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

interface RowLabels {
  /** Row text with English glosses of labels already found in Chinese removed. */
  text: string;
  hits: LabelHit[];
}

/**
 * Labels per row. The English gloss printed under a Chinese label (Name, Address...) is dropped,
 * with its text, when that label was also found in Chinese: what follows it on the same row is a
 * wrapped value, not a new one.
 */
function labelRows(rows: readonly Row[]): RowLabels[] {
  const found = rows.map((row) => ({ text: row.text, hits: findLabels(row.text) }));
  const chinese = new Set(found.flatMap((r) => r.hits.filter((h) => !h.english).map((h) => h.key)));
  return found.map(({ text, hits }) => {
    let out = text;
    const keep: LabelHit[] = [];
    for (const hit of [...hits].reverse()) {
      if (hit.english && chinese.has(hit.key)) out = out.slice(0, hit.start) + out.slice(hit.end);
      else keep.unshift(hit);
    }
    return {
      text: out,
      hits:
        keep.length === hits.length ? keep : findLabels(out).filter((h) => !h.english || !chinese.has(h.key)),
    };
  });
}

/** Raw value text per label: from the label's end to the next label in the row (or row end). */
function rawValues(labelled: readonly RowLabels[]): Map<LabelKey, { text: string; row: number }> {
  const values = new Map<LabelKey, { text: string; row: number }>();
  labelled.forEach(({ text: rowText, hits }, index) => {
    hits.forEach((hit, i) => {
      const next = hits[i + 1];
      const text = rowText.slice(hit.end, next ? next.start : undefined);
      const previous = values.get(hit.key);
      // A label seen twice keeps the reading with more value text.
      if (!previous || previous.text.length < text.length) values.set(hit.key, { text, row: index });
    });
  });
  return values;
}

/** The distinct licence labels present in the lines: evidence that the photo is a driving licence. */
export function licenseLabels(lines: readonly TextLine[]): Set<string> {
  const found = new Set<string>();
  for (const row of labelRows(groupRows(lines))) for (const hit of row.hits) found.add(hit.key);
  return found;
}

/**
 * A validity written the licence's way: a date, 至 (or a character misread for it), then a date or
 * 长期. Id cards join their dates with a hyphen.
 */
const VALIDITY_SHAPE = /(19|20)\d{2}\D{0,2}[01]?\d\D{0,2}[0-3]?\d[\u4e00-\u9fff]((19|20)\d{2}|长期)/;

/**
 * Evidence that the photo is a driving licence: its distinct labels, plus the validity when a
 * row has its shape although 有效期限 was not read (blurred small labels, the values still legible).
 */
export function licenseEvidence(lines: readonly TextLine[]): Set<string> {
  const found = licenseLabels(lines);
  if (!found.has('valid_period') && groupRows(lines).some((row) => VALIDITY_SHAPE.test(row.text)))
    found.add('valid_period');
  return found;
}

/**
 * The line holding the label `key` with nothing after it (its value was detected apart, or not at
 * all): where a value may be re-read. Undefined when the label was not found alone on a line.
 */
export function labelLine<T extends TextLine>(lines: readonly T[], key: LabelKey): T | undefined {
  return lines.find((line) => {
    const text = squeeze(line.text);
    const hit = findLabels(text).find((h) => h.key === key && !h.english);
    return hit !== undefined && text.length - hit.end <= 1;
  });
}

/** Words printed on the documents most often mistaken for a licence (id card, vehicle licence). */
const OTHER_DOCUMENTS =
  /居民身份证|公民身份号码|民族|签发机关|行驶证|号牌号码|车辆类型|所有人|品牌型号|车辆识别代号|发动机号码|使用性质/g;

/** How many distinct words of other documents appear (行驶证 labels, 身份证 labels). */
export function otherDocumentWords(lines: readonly TextLine[]): number {
  const text = lines.map((l) => squeeze(l.text)).join('\n');
  return new Set(text.match(OTHER_DOCUMENTS) ?? []).size;
}

/** Extracts WeChat's fields (except the seal) from OCR lines of a rectified card. */
export function extractFields(lines: readonly TextLine[], cardWidth = 1200): Record<FieldKey, string> {
  const rows = groupRows(lines);
  const labelled = labelRows(rows);
  const values = rawValues(labelled);
  const raw = (key: LabelKey) => values.get(key)?.text ?? '';

  let address = cleanAddress(raw('address'));
  const addressRow = values.get('address')?.row;
  if (addressRow !== undefined && address !== '') {
    const row = rows[addressRow] as Row;
    // Skip rows that held only the English gloss (Address) printed under the label.
    let nextIndex = addressRow + 1;
    while (nextIndex < rows.length && (labelled[nextIndex]?.text === '' || rows[nextIndex]?.gloss))
      nextIndex++;
    const next = rows[nextIndex];
    const nextText = labelled[nextIndex]?.text ?? '';
    const height = row.y1 - row.y0;
    // Boxes of the next row that hold more than an English gloss: where the wrapped text starts.
    const valueX = Math.min(
      ...(next?.lines.filter((l) => /[\u4e00-\u9fff0-9]/.test(l.text)).map((l) => l.box.x0) ?? []),
    );
    // The wrapped part sits under the value column: no label, right of the label column, close below.
    if (
      next &&
      (labelled[nextIndex]?.hits.length ?? 0) === 0 &&
      next.y0 - row.y1 < height * 1.5 &&
      valueX > row.x0 + cardWidth * 0.06 &&
      /^[\u4e00-\u9fff0-9A-Za-z\-－—()（）#]+$/.test(nextText)
    ) {
      address += cleanAddress(nextText);
    }
  }

  const claimed = new Set([...values.values()].map((v) => v.row));
  let period = parsePeriod(raw('valid_period'));
  if (!period.to && raw('valid_period') === '') {
    // 有效期限 missed (glare, a finger), or read with nothing beside it (its value fell into a row
    // of its own: a slanted card): a row no label claimed reading "date 至 date|长期" is it.
    const ranges = labelled.filter((r, i) => !claimed.has(i) && /\d{4}.*(至|长期)/.test(r.text));
    if (ranges.length === 1) period = parsePeriod(ranges[0]?.text ?? '');
  }
  const birth = parseDate(raw('birth_date'));
  const issue = parseDate(raw('issue_date'));
  let validFrom = parseDate(raw('valid_from')) || period.from;
  if (!validFrom) {
    // The label was missed (a finger, glare): take the one date on a row no other label claimed.
    const loose = labelled
      .flatMap((r, i) => (claimed.has(i) ? [] : [parseDate(r.text)]))
      .filter((d) => d !== '');
    if (loose.length === 1) validFrom = loose[0] as string;
  }
  let carClass = parseCarClass(raw('car_class'));
  if (!carClass && !values.has('car_class')) {
    // 准驾车型 missed (glare left only 准): an unclaimed row holding nothing but a class code is it.
    const codes = rows.flatMap((r, i) => {
      const text = (labelled[i]?.text ?? '').replace(/[\u4e00-\u9fff]/g, '').toUpperCase();
      return !claimed.has(i) && !r.gloss && /^[ABCDEFMNP][0-9A-Z]{0,3}$/.test(text)
        ? [parseCarClass(text)]
        : [];
    });
    if (codes.length === 1) carClass = codes[0] as string;
  }
  const split = splitNameAndSex(cleanName(raw('name')), parseSex(raw('sex')), values.has('sex'));
  return {
    id_num: parseIdNumber(raw('id_num')) || looseIdNumber(labelled.map((r) => r.text)),
    name: split.name,
    sex: split.sex,
    nationality: cleanHan(raw('nationality')) || nationalityAfterSex(raw('sex')) || split.nationality,
    address,
    birth_date: birth,
    issue_date: issue,
    car_class: carClass,
    valid_from: validFrom,
    valid_to: period.to,
  };
}

/**
 * 性别 shares the row with the name: when that label is lost or only partly read (glare, 性 lost),
 * the name's value runs on into the sex and often the nationality ("程磊宇女", "罗瑞别女国中国",
 * "买买提·买买提性制男国菜中国"). The sex, what is left of its label and what follows are cut off
 * the name and the sex taken from them. A name ending in 男/女 with nothing after it is kept when
 * cutting would leave one character (李男 is a name).
 */
function splitNameAndSex(
  name: string,
  sex: string,
  sexLabelRead: boolean,
): { name: string; sex: string; nationality: string } {
  // 中国 alone is the nationality with the name, the sex and both labels lost (glare over the row).
  if (name === '中国') return { name: '', sex, nationality: name };
  const unchanged = { name: name.replace(/性$/, ''), sex, nationality: '' };
  if (sex !== '' || sexLabelRead) return unchanged;
  const at = Math.max(name.lastIndexOf('男'), name.lastIndexOf('女'));
  const rest = name.slice(at + 1);
  if (at < 0 || !/^(国.?)?(中国)?$/.test(rest)) return unchanged;
  const before = name.slice(0, at).replace(/(性.?|性?别)$/, '');
  if (rest === '' && before.length === 1) return { name, sex, nationality: '' };
  return { name: before, sex: name[at] as string, nationality: rest.endsWith('中国') ? '中国' : '' };
}

/**
 * 证号 lost or misread (号 alone, the card edge cutting 证 off): the one number on the card whose
 * GB 11643 check digit holds is the licence number.
 */
function looseIdNumber(rowTexts: readonly string[]): string {
  // Only numbers read as they stand: without a label, a one-digit repair is not certain enough.
  const valid = new Set(
    rowTexts.map(parseIdNumber).filter((id, i) => idCheckDigitValid(id) && rowTexts[i]?.includes(id)),
  );
  return valid.size === 1 ? ([...valid][0] as string) : '';
}

/**
 * 国籍 shares the row with 性别; a misread 国籍 (国糖, 国#) or a lost one (glare) leaves "男国糖中国"
 * or "女中国" as the sex value: what follows the sex, past a two-glyph label, is the nationality.
 */
function nationalityAfterSex(sexValue: string): string {
  const rest = squeeze(sexValue).replace(/^[^男女]*[男女]/, '');
  if (rest === squeeze(sexValue)) return '';
  const value = cleanHan(rest.replace(/^(国.|.籍)/, ''));
  return value.length >= 2 ? value : '';
}

function cleanHan(text: string): string {
  return (text.match(/[\u4e00-\u9fff]+/g) ?? []).join('');
}

/** Names keep Han characters and the middle dot of minority and foreign names (read as . • ・ etc.). */
export function cleanName(text: string): string {
  return text
    .replace(/[.。•・‧∙·･·\-－—]/g, '·')
    .replace(/[^\u4e00-\u9fff·]/g, '')
    .replace(/^·+|·+$/g, '')
    .replace(/·{2,}/g, '·');
}

export function cleanAddress(text: string): string {
  // Runs of Latin letters are the misread English gloss (Address) printed under the label.
  return text.replace(/[^\u4e00-\u9fff0-9A-Za-z\-－—()（）#]/g, '').replace(/[A-Za-z]{2,}/g, '');
}

function parseSex(text: string): string {
  return text.match(/[男女]/)?.[0] ?? '';
}

/** Digits with the usual letter look-alikes turned into the digits they must be. */
export function digitsOnly(text: string): string {
  return text
    .replace(/[OoQDU]/g, '0')
    .replace(/[Il|!iL]/g, '1')
    .replace(/[Zz]/g, '2')
    .replace(/[Ss]/g, '5')
    .replace(/[Bb]/g, '8')
    .replace(/[gq]/g, '9');
}

/** The first YYYY-MM-DD (separators and digit look-alikes tolerated) in `text`, or ''. */
export function parseDate(text: string): string {
  const m = digitsOnly(text).match(/(19|20)(\d{2})\D{0,2}?([01]?\d)\D{0,2}?([0-3]?\d)/);
  if (!m) return '';
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return '';
  return `${m[1]}${m[2]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `FROM 至 TO`, `FROM 至 长期`, or a length such as `6年` (older cards). */
export function parsePeriod(text: string): { from: string; to: string } {
  const years = text.match(/^\D*?(\d{1,2}|[六十])\s*年/);
  if (years && !/\d{4}/.test(text.slice(0, years.index ?? 0))) {
    const n = years[1] === '六' ? '6' : years[1] === '十' ? '10' : String(Number(years[1]));
    if (!/\d{4}/.test(years[0])) return { from: '', to: `${n}年` };
  }
  const parts = text.split(/至|到|—|－|~/);
  const from = parseDate(parts[0] ?? '');
  const rest = parts.slice(1).join('');
  if (/长期|长/.test(rest) || (/长期/.test(text) && !rest)) return { from, to: '长期' };
  let to = parseDate(rest);
  if (!to && from) {
    // "至" misread: two dates run together.
    const all = digitsOnly(text).match(/(19|20)\d{2}\D?[01]?\d\D?[0-3]?\d/g) ?? [];
    if (all.length >= 2) to = parseDate(all[1] ?? '');
  }
  return { from, to };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idCheckDigitValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === id[17];
}

/** Digits the recognizer confuses, tried one at a time when the check digit fails. */
const ID_CONFUSIONS: Record<string, string> = {
  '0': '86',
  '1': '7',
  '3': '8',
  '5': '6',
  '6': '58',
  '7': '1',
  '8': '063',
  X: '',
};

/**
 * The licence number (the holder's 18-character id number): look-alikes turned into digits, a
 * trailing x/× as X, and one confused digit repaired when exactly one repair satisfies the check digit.
 */
export function parseIdNumber(text: string): string {
  const cleaned = text.replace(/[×xХх✕]/g, 'X');
  const run = cleaned.match(/[0-9OoIl|ZSBDQ]{15,}X?/)?.[0] ?? '';
  // More than 18 characters: a digit read twice by overlapping boxes (证号5 + 5101...) or a
  // stray mark beside the number; the one 18-character stretch whose check digit holds is it.
  const valid = [...Array(Math.max(0, run.length - 17)).keys()]
    .map((start) => run.slice(start, start + 18))
    .map((window) => digitsOnly(window.replace(/X$/, '')) + (window.endsWith('X') ? 'X' : ''))
    .filter(idCheckDigitValid);
  if (run.length > 18 && new Set(valid).size === 1) return valid[0] as string;
  const body = run.slice(0, 18);
  if (body === '') return '';
  const last = body.at(-1) === 'X' ? 'X' : '';
  const id = digitsOnly(last ? body.slice(0, -1) : body) + last;
  if (id.length !== 18 || idCheckDigitValid(id)) return id;
  const repairs: string[] = [];
  for (let i = 0; i < 18; i++) {
    for (const alt of ID_CONFUSIONS[id[i] ?? ''] ?? '') {
      const candidate = id.slice(0, i) + alt + id.slice(i + 1);
      if (idCheckDigitValid(candidate)) repairs.push(candidate);
    }
  }
  return repairs.length === 1 ? (repairs[0] as string) : id;
}

const CLASS_TOKENS: readonly string[] = CAR_CLASSES;

/** Licence classes such as C1, A2D or C1E; digit look-alikes after A/B/C fixed. */
export function parseCarClass(text: string): string {
  const upper = text.toUpperCase().replace(/[^A-Z0-9|]/g, '');
  const fixed = upper
    .replace(/([ABC])([IL|])/g, '$11')
    .replace(/([ABC])Z/g, '$12')
    .replace(/([ABC])S/g, '$15');
  let out = '';
  let i = 0;
  while (i < fixed.length) {
    const two = fixed.slice(i, i + 2);
    const one = fixed.slice(i, i + 1);
    if (CLASS_TOKENS.includes(two)) {
      out += two;
      i += 2;
    } else if (CLASS_TOKENS.includes(one)) {
      out += one;
      i += 1;
    } else if (out) {
      break;
    } else {
      i += 1;
    }
  }
  return out;
}
