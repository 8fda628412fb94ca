import { scaling } from '../../../emulator/ocr/image/homography';
import { LABELS, TITLE } from '../../../emulator/ocr/layout/cardGrid';
import { findAnchors } from '../../../emulator/ocr/layout/findAnchors';
import { lineAt } from './support/syntheticLines';

const VIEW = scaling(10);
const grid = (key: string) => LABELS.find((l) => l.key === key)!.box;

describe('findAnchors', () => {
  it('finds a label run together with its value, placing only the label characters', () => {
    const box = { ...grid('birthDate'), x1: grid('birthDate').x1 + 20 };
    const [hit] = findAnchors([lineAt('出生日期1999-02-22', box, VIEW)]);
    expect(hit?.key).toBe('birthDate');
    expect(hit?.points).toHaveLength(4);
    expect([hit?.start, hit?.end]).toEqual([0, 4]);
  });

  it.each([
    ['性别', 'sex', 1],
    ['生别', 'sex', 0.5],
    ['华址', 'address', 0.5],
    ['性男', 'sex', 0.5],
  ])('takes %s as the %s label with weight %s', (text, key, weight) => {
    const hits = findAnchors([lineAt(text, grid(key), VIEW)]);
    expect(hits.map((h) => [h.key, h.weight])).toEqual([[key, weight]]);
  });

  it.each(['B1', 'C1', 'A2', 'B1D', 'C1E'])(
    'places the card by the class code %s as printed (not read as digits)',
    (code) => {
      const box = { x0: 44, y0: 46.5, x1: 52, y1: 49.5 };
      expect(findAnchors([lineAt(code, box, VIEW)], ['new']).map((h) => h.key)).toEqual(['carClassValue']);
    },
  );

  it('does not take a two-character label from one common character (号 of an address)', () => {
    expect(findAnchors([lineAt('729号', grid('idNum'), VIEW)])).toEqual([]);
  });

  it('takes the title with a few characters misread, and never the 副页 title', () => {
    expect(findAnchors([lineAt('中华人民共和国机动车驾驶证', TITLE.box, VIEW)]).map((h) => h.key)).toEqual([
      'title',
    ]);
    expect(findAnchors([lineAt('中华人民共和国机动车驾驶证副页', TITLE.box, VIEW)])).toEqual([]);
    // Under glare 副页 reads as anything: two characters after the title's last tell the back page.
    expect(findAnchors([lineAt('中华人民共和国机动车驾驶证测项', TITLE.box, VIEW)])).toEqual([]);
    expect(findAnchors([lineAt('中华人民共和国机动车驾驶证。', TITLE.box, VIEW)]).map((h) => h.key)).toEqual([
      'title',
    ]);
    expect(findAnchors([lineAt('中华人民共和国机动车行驶证', TITLE.box, VIEW)])).toEqual([]);
  });

  it.each([
    ['the licence number', '证号150402199902223122', 'idNumValue'],
    ['the validity range', '2015-06-18至2021-06-18', 'validPeriodValue'],
    ['the validity range with 至 lost', '2011-08-022017-08-02', 'validPeriodValue'],
    ['the validity range with 至 misread', '2011-08-02室2017-08-02', 'validPeriodValue'],
  ])('places the card by %s with a value tolerance', (_what, text, key) => {
    const hit = findAnchors([lineAt(text, { x0: 20, y0: 10, x1: 70, y1: 14 }, VIEW)]).find(
      (h) => h.key === key,
    );
    expect(hit?.tolerance).toBeGreaterThan(2);
  });

  it('takes no licence number for a validity range', () => {
    const keys = findAnchors([lineAt('320102198109079496', { x0: 20, y0: 10, x1: 70, y1: 14 }, VIEW)]).map(
      (h) => h.key,
    );
    expect(keys).toContain('idNumValue');
    expect(keys).not.toContain('validPeriodValue');
  });

  it('finds English glosses with a weight below the Chinese labels', () => {
    const [hit] = findAnchors([lineAt('Date of First Issue', grid('issueDate'), VIEW)]);
    expect(hit?.key).toBe('issueDateGloss');
    expect(hit?.weight).toBeLessThan(1);
  });
});
