import { KONTUM_2024_TEMPLATE } from '@qcycle/domain';
import { decisionDraftDocument, planDraftDocument } from './decision-document';
import { pageMarks, placeAndDate } from './official-document';

describe('the decision before it is signed', () => {
  const draft = decisionDraftDocument(
    KONTUM_2024_TEMPLATE.objectives,
    { ...KONTUM_2024_TEMPLATE, organisation: { ...KONTUM_2024_TEMPLATE.organisation } },
    '2024-01-03',
  );

  it('leaves its number and the day of signing for the office and the signer, marked a draft', () => {
    expect(draft.header.numberAndSymbol?.trim()).toBe('/QĐ-UBND');
    expect(placeAndDate(draft.header)?.replace(/\s+/g, ' ')).toBe('Kon Tum, ngày tháng năm 2024');
    expect(pageMarks(draft)).toEqual(['DỰ THẢO']);
    expect(draft.fileBaseName).toBe('QD-MUC-TIEU-CHAT-LUONG-2024-DU-THAO');
  });

  it('words its articles as the decision will be issued, the signer named', () => {
    const article1 = draft.body[0];
    expect(article1.kind === 'article' && article1.items).toEqual(
      KONTUM_2024_TEMPLATE.objectives.map((o) => `${o.number}. ${o.title.vi}`),
    );
    expect(draft.signature?.name).toBe(KONTUM_2024_TEMPLATE.signer.name);
  });

  it('gives its plan the same blank number and date where it cites the decision', () => {
    const plan = planDraftDocument(KONTUM_2024_TEMPLATE.objectives, KONTUM_2024_TEMPLATE, '2024-01-03');
    expect(plan.attachedTo?.replace(/\s+/g, ' ')).toBe(
      '(Kèm theo Quyết định số /QĐ-UBND ngày tháng năm 2024 của Ủy ban nhân dân tỉnh Kon Tum)',
    );
    expect(pageMarks(plan)).toEqual(['DỰ THẢO']);
    expect(plan.fileBaseName).toBe('KH-MUC-TIEU-CHAT-LUONG-2024-DU-THAO');
  });
});
