import type { AnchorHit } from '../layout/findAnchors';
import type { TextLine } from '../text/TextLine';

export type DocumentKind = 'licence' | 'back-page' | 'vehicle-licence' | 'id-card' | 'other-certificate' | 'unknown';

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

const OTHER_DOCUMENTS: ReadonlyArray<[RegExp, DocumentKind]> = [
  [/行驶证|号牌号码|车辆识别|发动机号|品牌型号|使用性质/, 'vehicle-licence'],
  [/从业资格|资格类别/, 'other-certificate'],
  [/居民身份|身份号码|签发机关|民族/, 'id-card'],
  [/副页|档案编号/, 'back-page'],
];

/**
 * What the photo shows, from the labels that agree with the licence's layout (the fitted anchors)
 * and the words of other documents read anywhere: a main page needs three labels only a main page
 * prints, four in all, and, when another document's words were read, its own title.
 */
export function classifyDocument(
  lines: readonly TextLine[],
  anchors: readonly AnchorHit[],
): { kind: DocumentKind; evidence: string[] } {
  const keys = new Set(anchors.map((a) => a.key.replace(/Gloss$|Value$/, '')));
  const evidence = [...keys];
  const mainOnly = evidence.filter((k) => MAIN_PAGE_ONLY.has(k)).length;
  const others = OTHER_DOCUMENTS.filter(([words]) => lines.some((l) => words.test(l.text))).map(([, kind]) => kind);
  const foreign = others.find((kind) => kind !== 'back-page');
  if (mainOnly >= 3 && keys.size >= 4 && (!foreign || keys.has('title'))) return { kind: 'licence', evidence };
  return { kind: foreign ?? others[0] ?? 'unknown', evidence };
}
