import { classifyDocument } from '../../../emulator/ocr/card/classifyDocument';
import { scaling } from '../../../emulator/ocr/image/homography';
import { LABELS, TITLE } from '../../../emulator/ocr/layout/cardGrid';
import { findAnchors } from '../../../emulator/ocr/layout/findAnchors';
import { fitCard } from '../../../emulator/ocr/layout/fitCard';
import { lineAt } from './support/syntheticLines';

const VIEW = scaling(10);
const label = (key: string) => {
  const l = LABELS.find((x) => x.key === key)!;
  return lineAt(l.text, l.box, VIEW);
};
const classify = (lines: ReturnType<typeof lineAt>[]) =>
  classifyDocument(lines, fitCard(findAnchors(lines))?.anchors ?? []).kind;

describe('classifyDocument', () => {
  it('calls a page with the main page labels a licence', () => {
    expect(
      classify([
        lineAt(TITLE.text, TITLE.box, VIEW),
        label('idNum'),
        label('sex'),
        label('address'),
        label('birthDate'),
      ]),
    ).toBe('licence');
  });

  it('refuses the 副页 alone: its 证号 and 姓名 are not a main page', () => {
    const title = lineAt('中华人民共和国机动车驾驶证副页', TITLE.box, VIEW);
    const file = lineAt('档案编号894048553200', { x0: 50, y0: 16, x1: 80, y1: 19 }, VIEW);
    expect(classify([title, label('idNum'), label('name'), file])).toBe('back-page');
  });

  it('refuses a 行驶证 even though it prints 住址', () => {
    const title = lineAt('中华人民共和国机动车行驶证', TITLE.box, VIEW);
    const plate = lineAt('号牌号码', { x0: 4, y0: 12, x1: 14, y1: 15 }, VIEW);
    expect(classify([title, plate, label('address')])).toBe('vehicle-licence');
  });

  it('refuses another certificate with licence-like labels when its own title was read', () => {
    const title = lineAt('道路运输从业人员从业资格证', TITLE.box, VIEW);
    expect(
      classify([
        title,
        label('name'),
        label('sex'),
        label('nationality'),
        label('address'),
        label('birthDate'),
      ]),
    ).toBe('other-certificate');
  });

  it('does not call a licence whose title was read an ID card for 民族 in its address', () => {
    // 11352: 民族大道 (Nanning) read before the values that prove the page; refusing it there lost the card.
    const address = lineAt(
      '广西壮族自治区南宁市青秀区民族大道212号',
      { x0: 11, y0: 21.3, x1: 80, y1: 24.3 },
      VIEW,
    );
    expect(classify([lineAt(TITLE.text, TITLE.box, VIEW), label('idNum'), label('address'), address])).toBe(
      'unknown',
    );
  });

  describe('another document’s words read elsewhere in the photo', () => {
    // 10586: a 从业资格证 placed by its licence-like labels; its own title lay outside the card cut.
    const card = [label('name'), label('sex'), label('nationality'), label('address'), label('birthDate')];
    const kind = (lines: ReturnType<typeof lineAt>[], elsewhere: string[]) =>
      classifyDocument(lines, fitCard(findAnchors(lines))?.anchors ?? [], undefined, elsewhere).kind;

    it.each<[string, ReturnType<typeof lineAt>[], string[], string]>([
      [
        'refuse a card whose own lines read like a licence',
        card,
        ['中华人民共和国道路运输', '从业资格证'],
        'other-certificate',
      ],
      [
        'do not refuse a licence whose own title was read',
        [lineAt(TITLE.text, TITLE.box, VIEW), ...card],
        ['号牌号码', '中华人民共和国机动车行驶证'],
        'licence',
      ],
      ['leave a licence alone when nothing else was read', card, [], 'licence'],
    ])('%s', (_, lines, elsewhere, expected) => expect(kind(lines, elsewhere)).toBe(expected));
  });

  describe('a card whose labels were too small to read, told by its values', () => {
    // The title and two values in their slots place the card; no label was read.
    const placed = [
      lineAt(TITLE.text, TITLE.box, VIEW),
      lineAt('1983-08-11', { x0: 39, y0: 33.8, x1: 51.6, y1: 36.6 }, VIEW),
      lineAt('C1', { x0: 47, y0: 46.5, x1: 49.8, y1: 49.3 }, VIEW),
    ];
    const values = {
      id_num: '',
      name: '方晨静',
      birth_date: '1983-08-11',
      issue_date: '2011-10-28',
      car_class: 'C1',
      valid_from: '',
      valid_to: '',
      address: '天津市南开区长江道70号',
    };
    const kind = (lines: ReturnType<typeof lineAt>[], v: typeof values) =>
      classifyDocument(lines, fitCard(findAnchors(lines))?.anchors ?? [], v).kind;

    it.each([
      [
        'six valid values under the title make a licence',
        { ...values, id_num: '150402199902223122' },
        'licence',
      ],
      ['five are not enough: a tiny card is misread as often as read', values, 'unknown'],
      [
        'five under the title make a licence when one is a number its own line showed, its check character holding',
        { ...values, id_num: '150402199902223122', address: '', numberOnItsLine: true },
        'licence',
      ],
      [
        'a number that fails its check character does not count',
        { ...values, id_num: '150402199902223121', address: '', numberOnItsLine: true },
        'unknown',
      ],
      [
        'a number rebuilt from re-reads of its region does not count',
        { ...values, id_num: '150402199902223122', address: '', numberOnItsLine: false },
        'unknown',
      ],
    ])('%s', (_, v, expected) => expect(kind(placed, v)).toBe(expected));

    // No label and no title read: two values place the card; the 副页 beside it was read elsewhere.
    const untitled = placed.slice(1);
    const mainValues = {
      ...values,
      name: '',
      address: values.address,
      valid_from: '2011-10-28',
      valid_to: '2017-10-28',
    };
    const beside = ['中华人民共和国机动车驾驶证副页'];
    it.each([
      [
        'every value only a main page prints, each valid, makes a licence beside its 副页',
        mainValues,
        'licence',
      ],
      [
        'five of them are not enough: the 副页 read beside it tells',
        { ...mainValues, valid_to: '' },
        'back-page',
      ],
    ])('%s', (_, v, expected) =>
      expect(classifyDocument(untitled, fitCard(findAnchors(untitled))?.anchors ?? [], v, beside).kind).toBe(
        expected,
      ),
    );
  });
});
