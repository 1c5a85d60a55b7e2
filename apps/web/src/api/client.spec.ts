import { i18next } from '../i18n';
import { catalogues } from '../i18n/catalogues';
import { setUpCatalogues } from '../i18n/setup';
import { problemOf, toApiProblem } from './client';

describe('an error answer as the page shows it', () => {
  // As the app starts it (initI18n), without the browser's storage.
  beforeAll(() => setUpCatalogues(i18next, catalogues));

  it('says in words that the server is not answering when a gateway answers for it', () => {
    const problem = toApiProblem(504, '<html><body>504 Gateway Time-out</body></html>');
    expect(problem.message).toBe('Máy chủ tạm thời không trả lời (lỗi 504). Vui lòng thử lại sau ít phút.');
    expect(problem.message).not.toContain('HTTP');
  });

  it("keeps qcycle's own message, and its field problems", () => {
    const problem = toApiProblem(422, {
      code: 'RULE_VIOLATED',
      message: 'Lý do quá ngắn.',
      details: { problems: [{ path: 'reason', code: 'too-short', reason: 'Lý do quá ngắn.' }] },
    });
    expect(problem.message).toBe('Lý do quá ngắn.');
    expect(problem.at('reason').map((p) => p.reason)).toEqual(['Lý do quá ngắn.']);
    expect(toApiProblem(500, { code: 'INTERNAL', message: 'Lỗi máy chủ nội bộ' }).message).toBe(
      'Lỗi máy chủ nội bộ',
    );
  });

  it('says each reason of a rule refusal once, though the answer names its field in both lists', () => {
    const reason = 'Ngày họp xem xét phải sau thời gian đánh giá nội bộ.';
    const problem = toApiProblem(422, {
      code: 'RULE_VIOLATED',
      message: reason,
      details: {
        fields: { managementReviewDate: [reason], closeDate: ['Ngày kết thúc phải sau ngày họp.'] },
        problems: [{ path: 'managementReviewDate', code: 'inconsistent', reason }],
      },
    });
    expect(problem.problems).toEqual([
      { path: 'managementReviewDate', code: 'inconsistent', reason },
      { path: 'closeDate', reason: 'Ngày kết thúc phải sau ngày họp.' },
    ]);
  });

  it('keeps the API’s refusal of a send, and says a send that got no answer in the page’s words', () => {
    const refused = toApiProblem(403, { code: 'FORBIDDEN', message: 'Forbidden' });
    expect(problemOf(refused, 'Không kết nối được máy chủ.')).toBe(refused);
    const unanswered = problemOf(new TypeError('Failed to fetch'), 'Không kết nối được máy chủ.');
    expect([unanswered.status, unanswered.code, unanswered.message]).toEqual([
      0,
      'NETWORK',
      'Không kết nối được máy chủ.',
    ]);
  });
});
