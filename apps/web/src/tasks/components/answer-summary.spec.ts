import i18next from 'i18next';
import { catalogues } from '../../i18n/catalogues';
import { setUpCatalogues } from '../../i18n/setup';
import { answerSummary } from './answer-summary';

/** The app's Vietnamese catalogue on an instance of its own, as `initI18n` sets it up. */
async function vietnamese() {
  const instance = i18next.createInstance();
  await setUpCatalogues(instance, catalogues);
  return instance.getFixedT('vi');
}

describe("an answer summed up in a history's line", () => {
  it('says a corrective action plan by its action (its correction and root cause are on the task)', async () => {
    const t = await vietnamese();
    expect(
      answerSummary(
        {
          correction: 'Rà soát lại 5 hồ sơ.',
          rootCause: 'Chưa có danh mục kiểm tra.',
          action: 'Ban hành danh mục kiểm tra, tập huấn công chức tiếp nhận.',
        },
        t,
        'vi',
      ),
    ).toBe('“Ban hành danh mục kiểm tra, tập huấn công chức tiếp nhận.”');
  });

  it("says a verification by its conclusion and the verifier's notes", async () => {
    const t = await vietnamese();
    expect(answerSummary({ effective: false, notes: 'Tháng 2 vẫn còn 2 hồ sơ sai.' }, t, 'vi')).toBe(
      'Chưa có hiệu lực · “Tháng 2 vẫn còn 2 hồ sơ sai.”',
    );
  });
});
