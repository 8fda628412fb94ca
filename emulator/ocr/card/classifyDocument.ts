import { isValidCarClass } from '../../../src/domain/rules/carClass';
import { isValidIdNumber } from '../../../src/domain/rules/idNumber';
import type { AnchorHit } from '../layout/findAnchors';
import type { TextLine } from '../text/TextLine';

export type DocumentKind =
  | 'licence'
  | 'back-page'
  | 'vehicle-licence'
  | 'id-card'
  | 'other-certificate'
  | 'unknown';

/** Labels only the main page prints (the 副页 has 证号 and 姓名 too). */
const MAIN_PAGE_ONLY = new Set([
  'title',
  'sex',
  'nationality',
  'address',
  'birthDate',
  'issueDate',
  'carClass',
  'validPeriod',
  'validFrom',
]);

/** Values only the main page prints: the 副页 beside it prints a number and a name, and records. */
const MAIN_PAGE_VALUES = ['birth_date', 'issue_date', 'car_class', 'valid_from', 'valid_to', 'address'];

const OTHER_DOCUMENTS: ReadonlyArray<[RegExp, DocumentKind]> = [
  [/行驶证|号牌号码|车辆识别|发动机号|品牌型号|使用性质/, 'vehicle-licence'],
  [/从业资格|资格类别/, 'other-certificate'],
  [/居民身份|身份号码|签发机关|民族/, 'id-card'],
  [/副页|档案编号/, 'back-page'],
];

/** The fields as read, WeChat's names (only what the decision needs). */
export interface ReadValues {
  id_num: string;
  name: string;
  birth_date: string;
  issue_date: string;
  car_class: string;
  valid_from: string;
  valid_to: string;
  address: string;
  /**
   * Whether the number came from its own line (as printed, or by its grammar from that line's
   * ink), not rebuilt from re-reads of its region: a rebuilt number passes its check character
   * far more often than one misread in eleven.
   */
  numberOnItsLine?: boolean;
}

/**
 * What the photo shows. A main page is told by the labels that agree with the licence's layout
 * (the fitted anchors): three only a main page prints, four in all. When the labels were too
 * small to read (a tiny web image), by its values instead: six fields read where the layout puts
 * them, each valid by its own grammar, or five under the title when one is a number whose check
 * character holds, read from its own line, or all six that only a main page prints. Another
 * document's words, read anywhere (on the card's lines, or `elsewhere`: what any view of the photo
 * read), refuse it unless the licence's own title was read too (a licence photographed beside a
 * 行驶证).
 */
export function classifyDocument(
  lines: readonly TextLine[],
  anchors: readonly AnchorHit[],
  values?: ReadValues,
  elsewhere: readonly string[] = [],
): { kind: DocumentKind; evidence: string[] } {
  // A lone date or class code places a card but says little of what card it is: not evidence.
  const telling = anchors.filter((a) => !/^(birthDate|issueDate|carClass)Value$/.test(a.key));
  const keys = new Set(telling.map((a) => a.key.replace(/Gloss$|Value$/, '')));
  const valid = values ? validFields(values) : [];
  const evidence = [...keys, ...valid.map((f) => `${f}=valid`)];
  const texts = [...lines.map((l) => l.text), ...elsewhere];
  const others = OTHER_DOCUMENTS.filter(([words]) => texts.some((t) => words.test(t))).map(
    ([, kind]) => kind,
  );
  const foreign = others.find((kind) => kind !== 'back-page');
  if (foreign && !keys.has('title')) return { kind: foreign, evidence };
  const mainOnly = [...keys].filter((k) => MAIN_PAGE_ONLY.has(k)).length;
  // The 副页 prints a valid number too, but not the title's own words: with them, a main page
  // whose lower labels glare or blur hid. Only a number its own line showed: one rebuilt from
  // blurred re-reads may pass its check character misread.
  const titledNumber =
    keys.has('title') && values?.numberOnItsLine === true && valid.includes('id_num') && valid.length >= 5;
  // Every value only a main page prints, each valid where the layout puts it, is a main page
  // whatever its labels showed: the 副页 read beside it does not make it one.
  const mainValues = MAIN_PAGE_VALUES.every((f) => valid.includes(f));
  if ((mainOnly >= 3 && keys.size >= 4) || (mainOnly >= 1 && valid.length >= 6) || titledNumber || mainValues)
    return { kind: 'licence', evidence };
  // Past here another document's words were read beside the licence's own title, where they tell
  // nothing (民族大道 in an address reads like an ID card's label): not proof, but no refusal.
  return { kind: others.includes('back-page') ? 'back-page' : 'unknown', evidence };
}

function validFields(v: ReadValues): string[] {
  const date = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);
  const checks: Array<[string, boolean]> = [
    ['id_num', isValidIdNumber(v.id_num)],
    ['name', /^[\u4e00-\u9fff·]{2,}$/.test(v.name)],
    ['birth_date', date(v.birth_date)],
    ['issue_date', date(v.issue_date)],
    ['car_class', isValidCarClass(v.car_class)],
    ['valid_from', date(v.valid_from)],
    ['valid_to', date(v.valid_to) || /^(6年|10年|长期)$/.test(v.valid_to)],
    ['address', v.address.length >= 6],
  ];
  return checks.filter(([, ok]) => ok).map(([f]) => f);
}
