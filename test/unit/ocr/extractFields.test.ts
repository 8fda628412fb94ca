import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  cleanName,
  extractFields,
  idCheckDigitValid,
  licenseEvidence,
  licenseLabels,
  otherDocumentWords,
  parseCarClass,
  parseDate,
  parseIdNumber,
  parsePeriod,
  type TextLine,
} from '../../../emulator/ocr/extractFields';
import { SAMPLE_FIELDS } from './support/sampleFields';

const box = (x0: number, y0: number, x1: number, y1: number) => ({ x0, y0, x1, y1 });

/** A clean new-style card as PaddleOCR reads it: whole rows as one line, glosses beside labels. */
const NEW_STYLE: TextLine[] = [
  { text: '中华人民共和国机动车驾驶证', box: box(317, 42, 885, 84) },
  { text: '证号No.11010519491231002X', box: box(62, 155, 497, 187) },
  { text: '姓名Name欧阳.明', box: box(59, 221, 315, 259) },
  { text: '性别Sex 女 国籍Nationality 中国', box: box(421, 221, 853, 259) },
  { text: '住址Address北京市朝阳区建国路88号院3号楼', box: box(60, 293, 748, 328) },
  { text: '2单元501室', box: box(250, 340, 420, 375) },
  { text: '出生日期DateofBirth1949-12-31', box: box(301, 434, 726, 469) },
  { text: '初次领证日期DateofFirstlssue2010-O3-02', box: box(301, 504, 833, 539) },
  { text: '准驾车型ClassCIE', box: box(300, 574, 551, 611) },
  { text: '有效期限Valid Period 2016-03-02 至 2026-03-02', box: box(61, 676, 700, 711) },
];

describe('extractFields', () => {
  it('reads every field of a clean new-style card, fixing look-alikes where the pattern is certain', () => {
    expect(extractFields(NEW_STYLE)).toEqual({ ...SAMPLE_FIELDS, car_class: 'C1E' });
  });

  it('takes values from separate boxes on the label row and skips the English gloss row under a label', () => {
    const lines: TextLine[] = [
      { text: '住址', box: box(51, 366, 132, 412) },
      { text: '河南省周口市郸城县胡集乡李楼村7', box: box(251, 377, 826, 419) },
      { text: 'Address', box: box(52, 413, 134, 445) },
      { text: '组46号', box: box(249, 426, 368, 470) },
      { text: '出生日期', box: box(54, 478, 207, 523) },
      { text: '1956-06-22', box: box(309, 491, 504, 531) },
      { text: 'Date ofBirth', box: box(52, 525, 184, 555) },
    ];
    const fields = extractFields(lines);
    expect(fields.address).toBe('河南省周口市郸城县胡集乡李楼村7组46号');
    expect(fields.birth_date).toBe('1956-06-22');
  });

  it('does not append a row from the label column to the address', () => {
    const lines: TextLine[] = [
      { text: '住址Address四川省成都市武侯区人民南路四段1号', box: box(60, 293, 748, 328) },
      { text: '局公', box: box(62, 340, 140, 380) },
    ];
    expect(extractFields(lines).address).toBe('四川省成都市武侯区人民南路四段1号');
  });

  it.each([
    ['有效起始日期Valid From2016-03-02', '有效期限Valid For6年', '2016-03-02', '6年'],
    ['有效起始日期Valid From2016-03-02', '有效期限Valid For10年', '2016-03-02', '10年'],
    ['', '有效期限Valid Period2016-03-02至长期', '2016-03-02', '长期'],
  ])('reads the validity of %s / %s', (from, period, validFrom, validTo) => {
    const lines: TextLine[] = [
      { text: from, box: box(61, 676, 527, 711) },
      { text: period, box: box(701, 674, 976, 711) },
    ].filter((l) => l.text !== '');
    const fields = extractFields(lines);
    expect([fields.valid_from, fields.valid_to]).toEqual([validFrom, validTo]);
  });

  it('pairs labels with values along slanted rows (an imperfect outline leaves rows sloped)', () => {
    // Rows fall ~9 px per 100 px to the right: each value's box sits 0.6 of a line lower than
    // its label, as low as the English gloss under the label.
    const lines: TextLine[] = [
      { text: '出生日期', box: box(60, 459, 190, 497) },
      { text: 'Date of Birth', box: box(60, 500, 180, 528) },
      { text: '1989-07-16', box: box(300, 483, 500, 521) },
      { text: '初次领证日期', box: box(60, 530, 260, 568) },
      { text: 'Date of First Issue', box: box(60, 571, 240, 599) },
      { text: '2009-08-27', box: box(300, 553, 500, 591) },
      { text: '准驾车型', box: box(60, 600, 190, 638) },
      { text: 'Class', box: box(60, 641, 110, 669) },
      { text: 'C1', box: box(320, 624, 370, 662) },
    ];
    const fields = extractFields(lines);
    expect([fields.birth_date, fields.issue_date, fields.car_class]).toEqual([
      '1989-07-16',
      '2009-08-27',
      'C1',
    ]);
  });

  it('gives a value to the label it is level with, not to a wrapped line that grazes the row', () => {
    const lines: TextLine[] = [
      { text: '住址', box: box(370, 269, 415, 296) },
      { text: '广东省深圳市宝安区宝安大道121', box: box(452, 237, 752, 302) },
      { text: '号星河明居17栋5单元2805室', box: box(453, 264, 721, 326) },
      { text: '出生日期', box: box(374, 319, 451, 350) },
      { text: '1958-08-07', box: box(497, 306, 607, 342) },
    ];
    expect(extractFields(lines).birth_date).toBe('1958-08-07');
  });

  it('keeps a value level with its label when seal text read as a line overlaps it', () => {
    const lines: TextLine[] = [
      { text: '出生日期', box: box(64, 484, 201, 523) },
      { text: '高公安品gg', box: box(211, 467, 357, 522) },
      { text: 'X1991-08-03', box: box(298, 494, 521, 535) },
    ];
    expect(extractFields(lines).birth_date).toBe('1991-08-03');
  });

  it('reads the validity from an unlabelled date range when 有效期限 was not detected', () => {
    const lines: TextLine[] = [
      { text: '准驾车型', box: box(69, 616, 203, 655) },
      { text: 'C1', box: box(311, 615, 365, 657) },
      { text: '2021-04-19至长期', box: box(313, 688, 667, 729) },
    ];
    expect(extractFields(lines)).toMatchObject({ valid_from: '2021-04-19', valid_to: '长期' });
  });

  it('reads the validity from the unlabelled range below 有效期限 when the label stands alone (slanted rows)', () => {
    // Recorded from a card rectified askew (seed 3004): the range fell into a row of its own.
    const lines: TextLine[] = [
      { text: '中国', box: box(971, 361, 1073, 411) },
      { text: '国籍', box: box(767, 379, 851, 420) },
      { text: '性别', box: box(574, 402, 681, 440) },
      { text: '男', box: box(686, 402, 727, 434) },
      { text: 'Natnnsliry', box: box(780, 410, 890, 443) },
      { text: '陈艳红', box: box(266, 436, 373, 482) },
      { text: '姓名', box: box(135, 453, 192, 485) },
      { text: 'Kame', box: box(151, 485, 181, 499) },
      { text: '住址', box: box(158, 506, 214, 539) },
      { text: 'dress', box: box(168, 536, 210, 555) },
      { text: '1983-12-22', box: box(389, 566, 574, 606) },
      { text: '出生日期', box: box(182, 573, 287, 611) },
      { text: '90-31', box: box(341, 579, 607, 673) },
      { text: 'leof', box: box(191, 608, 265, 627) },
      { text: '初次领证母期', box: box(200, 622, 362, 662) },
      { text: 'Duteaf', box: box(212, 657, 266, 675) },
      { text: '准驾军型', box: box(219, 674, 324, 709) },
      { text: 'Chass', box: box(229, 709, 260, 723) },
      { text: '有效期限', box: box(238, 728, 343, 758) },
      { text: '2025-07-31 至 2035-07-31', box: box(448, 734, 933, 766) },
      { text: 'Vt Rerod', box: box(246, 757, 329, 775) },
    ];
    expect(extractFields(lines)).toMatchObject({ valid_from: '2025-07-31', valid_to: '2035-07-31' });
  });

  it('reads the class from an unlabelled row holding only a class code when 准驾车型 was lost', () => {
    const lines: TextLine[] = [
      { text: '初次领证日期', box: box(34, 557, 238, 597) },
      { text: '2012-10-31', box: box(282, 558, 496, 598) },
      { text: 'A1', box: box(279, 630, 335, 678) },
      { text: '准', box: box(37, 636, 73, 670) },
    ];
    expect(extractFields(lines).car_class).toBe('A1');
  });

  it('ignores a speck read as a character between a label and its value', () => {
    const lines: TextLine[] = [
      { text: '证号', box: box(68, 196, 139, 232) },
      { text: 'S', box: box(163, 206, 171, 216) },
      { text: '310104197704175091', box: box(170, 191, 610, 229) },
    ];
    expect(extractFields(lines).id_num).toBe('310104197704175091');
  });

  it('gives a value box overlapping its label to that label, not to the name before it', () => {
    const lines: TextLine[] = [
      { text: '姓名', box: box(58, 285, 135, 331) },
      { text: '任鑫', box: box(239, 296, 324, 344) },
      { text: '性别', box: box(614, 287, 701, 331) },
      { text: '男', box: box(690, 294, 758, 344) },
      { text: '国籍', box: box(790, 285, 867, 331) },
      { text: '中国', box: box(950, 298, 1030, 344) },
    ];
    expect(extractFields(lines)).toMatchObject({ name: '任鑫', sex: '男', nationality: '中国' });
  });

  it.each([
    ['准车型', 'C1', 'car_class', 'C1'],
    ['初次证日期', '2009-08-27', 'issue_date', '2009-08-27'],
    ['有效起日期', '2009-08-27', 'valid_from', '2009-08-27'],
  ] as const)('reads the label %s with a character lost', (label, value, key, expected) => {
    const lines: TextLine[] = [
      { text: label, box: box(60, 600, 190, 638) },
      { text: value, box: box(300, 600, 500, 638) },
    ];
    expect(extractFields(lines)[key]).toBe(expected);
  });

  it('takes 中国 alone on the name row as the nationality, not the name', () => {
    const lines: TextLine[] = [
      { text: '姓名', box: box(95, 273, 170, 323) },
      { text: '中国', box: box(947, 284, 1026, 331) },
    ];
    expect(extractFields(lines)).toMatchObject({ name: '', nationality: '中国' });
  });

  it('leaves the name empty, not the sex and nationality, when the name itself was not read', () => {
    const lines: TextLine[] = [
      { text: '姓名', box: box(35, 277, 106, 320) },
      { text: '性男', box: box(590, 278, 700, 327) },
      { text: '国中国', box: box(760, 278, 1042, 327) },
    ];
    expect(extractFields(lines)).toMatchObject({ name: '', sex: '男', nationality: '中国' });
  });

  it.each([
    ['号 alone', '号'],
    ['cut off by the card edge', ''],
  ])('takes the one valid citizen number as the licence number when 证号 is %s', (_, label) => {
    const lines: TextLine[] = [
      ...(label ? [{ text: label, box: box(70, 207, 141, 249) }] : []),
      { text: '420111195608230687', box: box(182, 208, 623, 253) },
      { text: '出生日期', box: box(72, 489, 205, 528) },
      { text: '1956-08-23', box: box(300, 489, 505, 528) },
    ];
    expect(extractFields(lines).id_num).toBe('420111195608230687');
  });

  it('leaves the number empty when no label names it and its check digit fails', () => {
    const lines: TextLine[] = [{ text: '420111195608230688', box: box(182, 208, 623, 253) }];
    expect(extractFields(lines).id_num).toBe('');
  });

  it('reads 姓 opening the row as the name label with 名 lost', () => {
    const lines: TextLine[] = [
      { text: '郑伟', box: box(269, 281, 364, 337) },
      { text: '性别女', box: box(607, 282, 771, 332) },
      { text: '姓', box: box(62, 282, 144, 330) },
    ];
    expect(extractFields(lines)).toMatchObject({ name: '郑伟', sex: '女' });
  });

  it('takes the nationality after the sex when the 国籍 label is misread', () => {
    const lines: TextLine[] = [
      { text: '性别男国精', box: box(589, 282, 822, 331) },
      { text: '中国', box: box(905, 281, 999, 337) },
    ];
    expect(extractFields(lines)).toMatchObject({ sex: '男', nationality: '中国' });
  });

  it.each([
    ['lost (glare)', '性别女'],
    ['read with a symbol', '性别女国#'],
  ])('takes the nationality after the sex when the 国籍 label is %s', (_, sexLine) => {
    const lines: TextLine[] = [
      { text: sexLine, box: box(589, 282, 822, 331) },
      { text: '中国', box: box(905, 281, 999, 337) },
    ];
    expect(extractFields(lines)).toMatchObject({ sex: '女', nationality: '中国' });
  });

  it.each([
    ['lost', [{ text: '女国籍', box: box(705, 276, 854, 324) }], '程磊宇', '女'],
    ['read as 别 alone', [{ text: '别男', box: box(640, 276, 760, 324) }], '程磊宇', '男'],
    [
      'lost with 国籍, the nationality following',
      [
        { text: '女', box: box(601, 284, 759, 342) },
        { text: '中国', box: box(949, 284, 1042, 340) },
      ],
      '程磊宇',
      '女',
    ],
    [
      'misread (性制), 国籍 misread too',
      [
        { text: '性制男国菜', box: box(590, 278, 876, 327) },
        { text: '中国', box: box(949, 284, 1042, 340) },
      ],
      '程磊宇',
      '男',
    ],
  ])('cuts the sex off the name when the 性别 label is %s', (_, sexBoxes, name, sex) => {
    const lines: TextLine[] = [
      { text: '姓名', box: box(35, 277, 106, 320) },
      { text: '程磊宇', box: box(248, 283, 361, 326) },
      ...sexBoxes,
    ];
    expect(extractFields(lines)).toMatchObject({ name, sex });
  });

  it.each([
    [
      'the 性别 label was read',
      '程磊宇男',
      [{ text: '性别女', box: box(580, 280, 740, 325) }],
      '程磊宇男',
      '女',
    ],
    ['cutting would leave one character', '李男', [], '李男', ''],
  ])('keeps a name ending in 男/女 whole when %s', (_, nameText, others, name, sex) => {
    const lines: TextLine[] = [
      { text: '姓名', box: box(35, 277, 106, 320) },
      { text: nameText, box: box(248, 283, 361, 326) },
      ...others,
    ];
    expect(extractFields(lines)).toMatchObject({ name, sex });
  });

  it('leaves the nationality empty when only part of its label follows the sex', () => {
    expect(extractFields([{ text: '性别男国', box: box(589, 282, 822, 331) }])).toMatchObject({
      sex: '男',
      nationality: '',
    });
  });

  it('appends the wrapped address line below a misread English gloss', () => {
    const lines: TextLine[] = [
      { text: '住址', box: box(65, 371, 140, 414) },
      { text: '浙江省杭州市上城区解放路933', box: box(254, 376, 810, 418) },
      { text: 'Addres', box: box(69, 416, 148, 448) },
      { text: '号春晓苑21栋5单元1901室', box: box(254, 429, 726, 473) },
    ];
    expect(extractFields(lines).address).toBe('浙江省杭州市上城区解放路933号春晓苑21栋5单元1901室');
  });

  it('returns empty strings for every field when no label is present', () => {
    const fields = extractFields([{ text: '今天天气很好', box: box(0, 0, 100, 30) }]);
    expect(Object.values(fields).every((v) => v === '')).toBe(true);
  });
});

describe('recorded OCR lines of the committed fixtures', () => {
  const dir = path.join(__dirname, 'lines');
  const recordings = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'ocr-misses.json')
    .map((f) => [f, JSON.parse(readFileSync(path.join(dir, f), 'utf8'))] as const);
  /** Fields the extractor cannot get from these recordings: the OCR line itself is wrong. */
  const OCR_MISSES: Record<string, string[]> = JSON.parse(
    readFileSync(path.join(dir, 'ocr-misses.json'), 'utf8'),
  );

  it.each(recordings)('extracts %s as recorded, except documented OCR misses', (file, recording) => {
    const fields = extractFields(recording.lines as TextLine[]);
    const misses = OCR_MISSES[file] ?? [];
    for (const [key, value] of Object.entries(fields)) {
      if (!misses.includes(key)) expect([key, value]).toEqual([key, recording.fields[key]]);
    }
  });
});

describe('field parsers', () => {
  it.each([
    ['1985-07-14', '1985-07-14'],
    ['出生1985-O7-l4', '1985-07-14'],
    ['2010.3.2', '2010-03-02'],
    ['1q91-08-03', '1991-08-03'],
    ['1985-13-01', ''],
    ['', ''],
  ])('parseDate(%s) is %s', (input, expected) => expect(parseDate(input)).toBe(expected));

  it.each([
    ['2016-03-02至2026-03-02', { from: '2016-03-02', to: '2026-03-02' }],
    ['2016-03-02至长期', { from: '2016-03-02', to: '长期' }],
    ['6年', { from: '', to: '6年' }],
    ['2016-03-022026-03-02', { from: '2016-03-02', to: '2026-03-02' }],
  ])('parsePeriod(%s)', (input, expected) => expect(parsePeriod(input)).toEqual(expected));

  it('repairs one confused digit when exactly one repair satisfies the check digit', () => {
    expect(idCheckDigitValid('11010519491231002X')).toBe(true);
    expect(parseIdNumber('11010519491231002x')).toBe('11010519491231002X');
    expect(parseIdNumber('1101O519491231002X')).toBe('11010519491231002X');
  });

  it('keeps a number whose check digit fails when no single repair is certain', () => {
    expect(parseIdNumber('110105194912310021')).toBe('110105194912310021');
  });

  it.each([
    [
      'a digit read twice by overlapping boxes (证号5 + 5101...)',
      '5510104197810252561',
      '510104197810252561',
    ],
    ['a stray mark read as a digit after the number', '11010519491231002X1', '11010519491231002X'],
    ['a stray mark before a number ending in X', '711010519491231002X', '11010519491231002X'],
  ])('takes the one valid 18-character stretch of a longer run: %s', (_, text, expected) => {
    expect(parseIdNumber(text)).toBe(expected);
  });

  it.each([
    ['C1', 'C1'],
    ['CI', 'C1'],
    [':A2D', 'A2D'],
    ['c1e', 'C1E'],
    ['', ''],
  ])('parseCarClass(%s) is %s', (input, expected) => expect(parseCarClass(input)).toBe(expected));

  it.each([
    ['欧阳.明', '欧阳·明'],
    ['买买提•吐尔逊', '买买提·吐尔逊'],
    ['Name张伟', '张伟'],
  ])('cleanName(%s) is %s', (input, expected) => expect(cleanName(input)).toBe(expected));
});

describe('document evidence', () => {
  it('counts distinct licence labels', () => {
    expect(licenseLabels(NEW_STYLE).size).toBe(9);
  });

  it.each([
    ['a licence validity with 至 misread', '2021-06-28里2027-06-28', 4],
    ['a validity ending 长期', '2015-03-02至长期', 4],
    ["an id card's hyphenated validity", '2010.03.02-2020.03.02', 3],
  ])('counts %s as evidence only in the licence shape', (_, validity, expected) => {
    const lines: TextLine[] = [
      { text: '证号330106199011029097', box: box(367, 208, 725, 261) },
      { text: '姓名', box: box(48, 290, 101, 336) },
      { text: '赵轩子', box: box(199, 290, 290, 346) },
      { text: '性别男', box: box(409, 292, 608, 346) },
      { text: validity, box: box(221, 701, 519, 751) },
    ];
    expect(licenseEvidence(lines).size).toBe(expected);
  });

  it('recognizes the words of a vehicle licence', () => {
    const lines: TextLine[] = [
      { text: '中华人民共和国机动车行驶证', box: box(0, 0, 500, 40) },
      { text: '号牌号码Plate No.京A12345 车辆类型 小型轿车', box: box(0, 60, 800, 100) },
      { text: '所有人Owner张三', box: box(0, 120, 500, 160) },
    ];
    expect(otherDocumentWords(lines)).toBeGreaterThanOrEqual(2);
  });
});
