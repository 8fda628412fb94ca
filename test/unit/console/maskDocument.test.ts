import { maskDocument } from '../../../emulator/console/maskDocument';
import { maskTrace } from '../../../emulator/console/maskTrace';
import type { TraceView } from '../../../emulator/core/calls/callTypes';
import { maskCaller } from '../../../emulator/core/calls/maskCaller';

describe('maskDocument', () => {
  it('masks personal values at any depth, in either casing, and lists their paths', () => {
    const { doc, masked } = maskDocument({
      _id: 'abc',
      _openid: 'oAbCdEfGhIjKlMnOpQrStUvWxYz1',
      license: {
        idNum: '410105196406106480',
        name: '崔明国',
        address: '河南省郑州市金水区农业路翠苑4栋2单元1001室',
        birthDate: '1964-06-10',
        carClass: 'C2',
      },
      raw: [{ id_num: '110101199003078515', birth_date: '1990-03-07' }],
    });
    expect(doc).toEqual({
      _id: 'abc',
      _openid: 'oAbC…z1',
      license: {
        idNum: '4101************80',
        name: '崔**',
        address: `河南省郑州市${'*'.repeat(18)}`,
        birthDate: '1964-**-**',
        carClass: 'C2',
      },
      raw: [{ id_num: '1101************15', birth_date: '1990-**-**' }],
    });
    expect(masked).toEqual([
      '_openid',
      'license.idNum',
      'license.name',
      'license.address',
      'license.birthDate',
      'raw.0.id_num',
      'raw.0.birth_date',
    ]);
  });

  it.each([
    ['empty strings', { name: '' }],
    ['non-strings', { name: 42, idNum: null }],
  ])('leaves %s as they are, unlisted', (_, doc) => {
    expect(maskDocument(doc)).toEqual({ doc, masked: [] });
  });
});

describe('maskCaller', () => {
  it.each([
    ['oAbCdEfGhIjKlMnOpQrStUvWxYz1', 'oAbC…z1'],
    ['local-user', 'loca…er'],
    ['o-user-1', 'o-…'],
    ['', ''],
  ])('shows %j as %j', (id, shown) => {
    expect(maskCaller(id)).toBe(shown);
  });
});

describe('maskTrace', () => {
  const quad: [number, number][] = [
    [0, 0],
    [1, 0],
    [1, 1],
  ];
  const trace: TraceView = {
    width: 10,
    height: 10,
    outlines: [],
    labels: [],
    regions: [
      { name: 'id_num', value: '410105196406106480', how: 'line', quad },
      { name: 'name', value: '崔明国', how: 'line', quad },
      { name: 'car_class', value: 'C2', how: 'line', quad },
    ],
    lines: [{ text: '姓名 崔明国', quad }],
    seal: { quad, text: '广东省深圳市公安局交通警察支队', lines: [] },
    stages: [],
  };

  it("masks personal fields' values, withholds every line's reading, keeps the boxes, the other fields and the seal", () => {
    const masked = maskTrace(trace);
    expect(masked.regions.map((r) => r.value)).toEqual(['4101************80', '崔**', 'C2']);
    expect(masked.lines).toEqual([{ text: '', quad }]);
    expect(masked.seal?.text).toBe('广东省深圳市公安局交通警察支队');
    expect(JSON.stringify(masked)).not.toMatch(/410105196406106480|明国/);
  });
});
