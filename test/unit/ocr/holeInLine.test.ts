import { type CentredReading, holeInLine } from '../../../emulator/ocr/fields/holeInLine';

/** `text` read from `from` mm on, a Han character every 3.3 mm and a digit every 1.8 mm. */
function reading(text: string, from = 12): CentredReading {
  let x = from;
  return {
    chars: [...text].map((c) => {
      const w = /^\p{Script=Han}$/u.test(c) ? 3.3 : 1.8;
      const char = { text: c, x: x + w / 2 };
      x += w;
      return char;
    }),
  };
}

/** `text` read with the stretch `[from, to)` of its characters (indices) hidden. */
function hidden(text: string, from: number, to: number): CentredReading {
  const whole = reading(text);
  return { chars: whole.chars.filter((_, i) => i < from || i >= to) };
}

const ADDRESS = '天津市和平区西康路阳光花园30栋2单元704室';

/** A reading as the engine logs one: each character followed by its centre (mm). */
const logged = (text: string): CentredReading => ({
  chars: text.split(' ').map((t) => ({ text: t[0]!, x: Number(t.slice(1)) })),
});

describe('holeInLine (characters hidden inside a printed line)', () => {
  it.each<[string, CentredReading[], boolean]>([
    ['finds none in a whole line of Han and digits', [reading(ADDRESS)], false],
    ['finds none where the line merely ends early', [reading(ADDRESS.slice(0, 12))], false],
    [
      'finds the stretch glare hid (园30栋2), read alike twice',
      [hidden(ADDRESS, 12, 17), hidden(ADDRESS, 12, 17)],
      true,
    ],
    ['finds one Han character lost between two others', [hidden(ADDRESS, 6, 7)], true],
    [
      'finds none before a lone mark read past the end (the dotted rule as 一, a # of blur)',
      [
        { chars: [...reading(ADDRESS).chars, { text: '一', x: 84 }] },
        { chars: [...reading(ADDRESS).chars, { text: '#', x: 80 }] },
      ],
      false,
    ],
    [
      'finds none where another reading found the characters',
      [hidden(ADDRESS, 12, 17), reading(ADDRESS)],
      false,
    ],
    [
      // 11543: the detector's line put the second 5 of 955号 2 mm late; the re-read has it in place.
      'finds none where one reading placed a digit two millimetres off and another has it in place',
      [
        logged(
          '河13.3 北18.1 省21.3 秦24.5 皇27.7 岛30.9 市34.1 海38.9 港42.1 区45.3 河48.4 北53.2 大56.4 街59.6 中62.8 段66.0 969.2 570.8 575.6 号77.2',
        ),
        logged(
          '河13.9 北17.3 省20.7 秦24.9 皇28.3 岛31.7 市35.0 海38.4 港42.6 区46.0 河49.4 北52.8 大56.2 街59.5 中62.9 段66.3 969.7 571.4 574.0 号76.5',
        ),
      ],
      false,
    ],
    ['tells nothing from a reading with under three runs of three Han', [hidden('北京市12号', 2, 3)], false],
    [
      'finds none in a line read with its characters spaced unevenly by a third of a pitch',
      [{ chars: reading(ADDRESS).chars.map((c, i) => ({ ...c, x: c.x + (i % 2 ? 0.55 : -0.55) })) }],
      false,
    ],
  ])('%s', (_, readings, hole) => expect(holeInLine(readings) !== null).toBe(hole));
});
