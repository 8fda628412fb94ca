import { WARNING_CODES } from '../../src/domain/DriverLicense';
import { ERROR_CODES } from '../../src/errors';
import { FIELD_LABELS, PROBLEM_MESSAGES, problemMessage, warningMessage } from '../lib/messages';

const CHINESE = /[\u4e00-\u9fff]/;

describe('problemMessage', () => {
  it.each(ERROR_CODES)('gives %s a Chinese title and a hint saying what to do', (code) => {
    const { title, hint } = problemMessage(code);

    expect(title).toMatch(CHINESE);
    expect(hint).toMatch(CHINESE);
    expect(hint).toMatch(/[。]$/);
  });

  it('never shows the same title for two server codes, so users can tell them apart', () => {
    const titles = ERROR_CODES.map((code) => PROBLEM_MESSAGES[code].title);

    expect(new Set(titles).size).toBe(titles.length);
  });

  it('falls back to the INTERNAL message for a code the client does not know', () => {
    expect(problemMessage('NEW_SERVER_CODE' as never)).toBe(PROBLEM_MESSAGES.INTERNAL);
  });
});

describe('warningMessage', () => {
  it.each(WARNING_CODES)('explains %s in a Chinese sentence without placeholders', (code) => {
    const text = warningMessage({ code, field: 'address', message: 'server text' });

    expect(text).toMatch(CHINESE);
    expect(text).not.toContain('{field}');
    expect(text).not.toBe('server text');
  });

  it('names the field a MISSING_FIELD warning is about', () => {
    expect(warningMessage({ code: 'MISSING_FIELD', field: 'officialSeal', message: '' })).toContain(
      `「${FIELD_LABELS.officialSeal}」`,
    );
  });

  it('still says something useful for a warning code the client does not know', () => {
    const text = warningMessage({ code: 'NEW_WARNING' as never, field: 'birthDate', message: '' });

    expect(text).toContain('「出生日期」');
  });
});
