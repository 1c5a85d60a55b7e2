import { QCYCLE_ERROR_MESSAGES, QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { HTTP_STATUS_OF_ERROR } from './error-status';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the error vocabulary', () => {
  it('gives every code one HTTP error status and a message', () => {
    for (const code of Object.values(QcycleErrorCode)) {
      expect({ code, status: HTTP_STATUS_OF_ERROR[code] >= 400 }).toEqual({ code, status: true });
      expect(QCYCLE_ERROR_MESSAGES[code].default).toBeDefined();
    }
    expect(Object.keys(HTTP_STATUS_OF_ERROR).sort()).toEqual(Object.values(QcycleErrorCode).sort());
  });

  it('says every message in Vietnamese and in English, with the same parameters', () => {
    for (const [code, variants] of Object.entries(QCYCLE_ERROR_MESSAGES))
      for (const [variant, message] of Object.entries(
        variants as Record<string, { vi: string; en: string }>,
      )) {
        const where = `${code}.${variant}`;
        expect({ where, vi: message.vi.trim() !== '', en: message.en.trim() !== '' }).toEqual({
          where,
          vi: true,
          en: true,
        });
        expect({ where, params: placeholders(message.vi) }).toEqual({
          where,
          params: placeholders(message.en),
        });
      }
  });

  it('fills the parameters in, lists joined, in the language asked', () => {
    const refusal = new QcycleError(QcycleErrorCode.Forbidden, 'roles', {
      required: ['admin', 'leader'],
      have: 'staff',
    });
    expect(refusal.messageIn('en')).toBe('This needs one of the roles admin, leader; you have staff');
    expect(refusal.messageIn('vi')).toBe('Việc này cần một trong các vai trò admin, leader; bạn có staff');
    expect(refusal.message).toBe(refusal.messageIn('en'));
  });
});
