import { CallLog, type InvocationEnd } from '../../../emulator/core/calls/CallLog';
import type { CallEvent } from '../../../emulator/core/calls/callTypes';
import type { RecognizeTrace } from '../../../emulator/openapi/DriverLicenseRecognizer';

const quad = [
  [0, 0],
  [10, 0],
  [10, 5],
  [0, 5],
];

function traceOf(
  drawings: Record<string, unknown>,
  stages = [{ stage: 'decode', ms: 5, output: { source: [200, 100] } }],
): RecognizeTrace {
  return { stages, drawings };
}

describe('CallLog', () => {
  let quotaLeft: number;
  let log: CallLog;
  let events: CallEvent[];

  beforeEach(() => {
    quotaLeft = 7;
    log = new CallLog({ quotaLeft: () => quotaLeft, maxCalls: 5, maxPhotos: 2 });
    events = [];
    log.subscribe((event) => events.push(event));
  });

  describe('started (function invocations)', () => {
    it.each<[string, InvocationEnd, { outcome: string; message?: string }]>([
      ['ok when the function answers ok', { ok: true, result: { ok: true, id: 'x' } }, { outcome: 'ok' }],
      ['ok when the function answers nothing', { ok: true, result: null }, { outcome: 'ok' }],
      [
        "the function's code when it answers ok: false",
        { ok: true, result: { ok: false, code: 'NOT_A_LICENSE', message: 'no licence in the photo' } },
        { outcome: 'NOT_A_LICENSE', message: 'no licence in the photo' },
      ],
      [
        'timeout when the host killed it',
        { ok: false, reason: 'timeout', message: 'Task timed out after 3 seconds' },
        { outcome: 'timeout', message: 'Task timed out after 3 seconds' },
      ],
    ])('records %s', (_, end, expected) => {
      const observer = log.started('ocrDriverLicense', { openid: 'oAbCdEfGhIjKlMnOpQrStUvWxYz1' });
      observer.ended(end);
      const [call] = log.list();
      expect(call).toMatchObject({ kind: 'function', name: 'ocrDriverLicense', quotaLeft: 7, ...expected });
      expect(call?.ms).toEqual(expect.any(Number));
      if (!expected.message) expect(call?.message).toBeUndefined();
    });

    it('keeps the caller masked only', () => {
      log.started('driverLicenses', { openid: 'oAbCdEfGhIjKlMnOpQrStUvWxYz1' });
      expect(log.list()[0]?.caller).toBe('oAbC…z1');
      expect(JSON.stringify(events)).not.toContain('oAbCdEfGhIjKlMnOpQrStUvWxYz1');
    });

    it('tells a call when it starts and when it ends, and each log line with its index, even after the end', () => {
      const observer = log.started('ocrDriverLicense', { openid: 'local-user' });
      observer.log('first');
      observer.ended({ ok: true, result: { ok: true } });
      observer.log('late');
      expect(
        events.map((e) => (e.type === 'call' ? `call ${e.call.outcome}` : `log ${e.index} ${e.line}`)),
      ).toEqual(['call running', 'log 0 first', 'call ok', 'log 1 late']);
      expect(log.list()[0]?.logs).toEqual(['first', 'late']);
    });

    it('gives each invocation its own API token', () => {
      const a = log.started('f', { openid: 'o-1' });
      const b = log.started('f', { openid: 'o-1' });
      expect(a.apiToken).toMatch(/^[0-9a-f]{32}$/);
      expect(b.apiToken).not.toBe(a.apiToken);
    });
  });

  describe('ocrStarted', () => {
    it("links a cloud call to the invocation whose token it carried, and takes that invocation's caller", () => {
      const invocation = log.started('ocrDriverLicense', { openid: 'local-user' });
      log.ocrStarted({ via: 'cloud', apiToken: invocation.apiToken }).ended(0);
      const ocr = log.list()[1];
      expect(ocr).toMatchObject({
        kind: 'ocr',
        via: 'cloud',
        parentId: log.list()[0]?.id,
        caller: 'loca…er',
        outcome: 'ok',
      });
    });

    it.each([
      ['without a token', { via: 'cloud' as const }],
      ['with an unknown token', { via: 'cloud' as const, apiToken: 'not-issued' }],
    ])('leaves a cloud call %s unlinked and its caller unknown', (_, origin) => {
      log.ocrStarted(origin).ended(0);
      const [call] = log.list();
      expect(call?.parentId).toBeUndefined();
      expect(call?.caller).toBe('');
    });

    it("names an HTTPS call's app id, masked, and records WeChat's errcode and errmsg on failure", () => {
      log
        .ocrStarted({ via: 'https', appid: 'wx0000000000local' })
        .ended(101003, 'not enough market quota rid: 1');
      expect(log.list()[0]).toMatchObject({
        via: 'https',
        caller: 'wx00…al',
        outcome: '101003',
        message: 'not enough market quota rid: 1',
      });
    });

    it('keeps the photo and the drawable trace, without the heavy drawings', () => {
      const call = log.ocrStarted({ via: 'cloud' });
      call.photo(Buffer.from('photo'));
      call.trace(
        traceOf({
          card: quad,
          flat: { data: new Uint8Array(10) },
          regions: [{ name: 'car_class', value: 'C1', how: 'line', quad }],
        }),
      );
      call.ended(0);
      const [view] = log.list();
      expect(view).toMatchObject({
        photo: true,
        trace: true,
        imageSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const kept = log.photoOf(view!.id);
      expect(kept?.image.toString()).toBe('photo');
      expect(kept?.trace).toMatchObject({
        width: 200,
        height: 100,
        card: quad,
        regions: [{ name: 'car_class', value: 'C1' }],
      });
      expect(JSON.stringify(kept?.trace)).not.toContain('flat');
    });

    it('keeps no trace when the engine recorded no decode stage (it cannot be placed on the photo)', () => {
      const call = log.ocrStarted({ via: 'cloud' });
      call.photo(Buffer.from('photo'));
      call.trace(traceOf({ card: quad }, []));
      expect(log.list()[0]?.trace).toBe(false);
    });

    it('keeps the photos of the latest calls only, and says so on the older calls', () => {
      for (const n of [1, 2, 3]) log.ocrStarted({ via: 'cloud' }).photo(Buffer.from(`photo ${n}`));
      const [first, second, third] = log.list();
      expect([first?.photo, second?.photo, third?.photo]).toEqual([false, true, true]);
      expect(log.photoOf(first!.id)).toBeUndefined();
      expect(log.latestWithImage(third!.imageSha256!)?.id).toBe(third?.id);
    });
  });

  it('keeps the latest calls only', () => {
    for (let i = 0; i < 7; i++) log.started(`f${i}`, { openid: 'o' });
    expect(log.list().map((c) => c.name)).toEqual(['f2', 'f3', 'f4', 'f5', 'f6']);
  });

  it('forgets every call, photo and token on clear', () => {
    const invocation = log.started('f', { openid: 'o' });
    log.ocrStarted({ via: 'cloud', apiToken: invocation.apiToken }).photo(Buffer.from('x'));
    log.clear();
    expect(log.list()).toEqual([]);
    log.ocrStarted({ via: 'cloud', apiToken: invocation.apiToken });
    expect(log.list()[0]?.parentId).toBeUndefined();
  });
});
