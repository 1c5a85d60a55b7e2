import type { QcycleConfig } from '@qcycle/config';
import { KONTUM_2024_TEMPLATE, type Objective } from '@qcycle/domain';
import {
  decisionDocument,
  objectivesPlanDocument,
  type DecisionRecord,
} from '../../apps/api/src/documents/decision-document';
import { renderOfficialDocumentDocx } from '../../apps/api/src/documents/official-document.docx';
import { renderOfficialDocumentHtml } from '../../apps/api/src/documents/official-document.html';
import { PdfPrinter } from '../../apps/api/src/documents/pdf-printer';
import {
  docxParts,
  keepDocument,
  normalise,
  fontsNotEmbeddedTimes,
  pdfBodyText,
  pdfText,
  readSeedDecision,
  wordCounts,
  wordParagraphs,
  zipTimestamps,
} from './support/document-text';

/**
 * The renderers alone, on the Kon Tum 2024 template as the leader approves it (the API suite
 * drives a real cycle to the same decision): Debian's chromium prints the PDF, the `docx` package
 * writes the DOCX, poppler reads the PDF back.
 */
describe('official documents: the Kon Tum 2024 decision in PDF and DOCX (real chromium, poppler)', () => {
  const printer = new PdfPrinter({} as QcycleConfig);
  const seed = readSeedDecision();
  const record: DecisionRecord = {
    documentNumber: '123/QĐ-UBND',
    signerName: KONTUM_2024_TEMPLATE.signer.name,
    signerTitle: KONTUM_2024_TEMPLATE.signer.title,
    signingDate: '2024-01-15',
    effectiveDate: '2024-01-15',
    objectives: KONTUM_2024_TEMPLATE.objectives as Objective[],
  };
  const decision = decisionDocument(record, KONTUM_2024_TEMPLATE);
  let pdf: Buffer;
  let docx: Buffer;

  beforeAll(async () => {
    pdf = await printer.print(renderOfficialDocumentHtml(decision), decision.properties.date);
    docx = await renderOfficialDocumentDocx(decision);
    keepDocument(decision.fileBaseName, { pdf, docx });
  });

  afterAll(() => printer.onApplicationShutdown());

  it('names the file from the number and year, Vietnamese-safe', () => {
    expect(decision.fileBaseName).toBe('QD-123-UBND-2024');
  });

  it('prints every legal basis, article, objective, recipient and the signature block of the seed', () => {
    const text = normalise(pdfText(pdf));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 123/QĐ-UBND',
      'Kon Tum, ngày 15 tháng 01 năm 2024',
      'QUYẾT ĐỊNH',
      'Phê duyệt Mục tiêu chất lượng năm 2024 áp dụng tại Ủy ban nhân dân tỉnh và Văn phòng Ủy ban nhân dân tỉnh',
      'ỦY BAN NHÂN DÂN TỈNH KON TUM',
      ...seed.legalBases,
      seed.proposal,
      'QUYẾT ĐỊNH:',
      ...seed.articles,
      ...seed.objectives,
      ...seed.recipients,
      'Nơi nhận:',
      ...seed.signature,
    ]) {
      expect(text).toContain(expected);
    }
    expect(seed.legalBases).toHaveLength(3);
    expect(seed.articles).toHaveLength(4);
    expect(seed.objectives).toHaveLength(5);
    expect(seed.recipients).toHaveLength(4);
    expect(seed.signature).toEqual([
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Hữu Tháp',
    ]);
  });

  it('embeds its fonts: Liberation Serif in for Times New Roman, nothing else', () => {
    expect(fontsNotEmbeddedTimes(pdf)).toEqual([]);
  });

  it('writes a valid Office Open XML package whose text is the PDF’s, word for word', () => {
    const parts = docxParts(docx);
    expect(parts.names).toEqual(
      expect.arrayContaining([
        '[Content_Types].xml',
        '_rels/.rels',
        'word/document.xml',
        'docProps/core.xml',
      ]),
    );
    expect(parts.read('[Content_Types].xml')).toContain(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    );
    const paragraphs = wordParagraphs(parts.read('word/document.xml'));
    wordParagraphs(parts.read('docProps/core.xml'));
    const docxText = normalise(paragraphs.join('\n'));
    for (const expected of [
      ...seed.legalBases,
      seed.proposal,
      ...seed.articles,
      ...seed.objectives,
      ...seed.recipients,
      ...seed.signature,
    ]) {
      expect(paragraphs.map(normalise)).toContain(expected);
    }
    expect(wordCounts(docxText)).toEqual(wordCounts(pdfBodyText(pdf)));
    for (const letter of ['Ủ', 'ề', 'ự']) {
      expect(docxText).toContain(letter);
      expect(pdfText(pdf)).toContain(letter);
    }
  });

  it('gives the same bytes when rendered again: no clock in the PDF dates, the DOCX properties or its zip times', async () => {
    const again = {
      pdf: await printer.print(renderOfficialDocumentHtml(decision), decision.properties.date),
      docx: await renderOfficialDocumentDocx(decision),
    };
    expect(again.pdf.equals(pdf)).toBe(true);
    expect(again.docx.equals(docx)).toBe(true);
    expect(pdf.toString('latin1')).toContain("/CreationDate (D:20240115000000+00'00')");
    expect(new Set(zipTimestamps(docx))).toEqual(new Set(['20240115.000000']));
    expect(docxParts(docx).read('docProps/core.xml')).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-15T00:00:00Z</dcterms:created>',
    );
  });

  it('renders the objectives’ implementation plan (ISO 6.2.2) from the same decision', async () => {
    const plan = objectivesPlanDocument(record, KONTUM_2024_TEMPLATE);
    const planPdf = await printer.print(renderOfficialDocumentHtml(plan), plan.properties.date);
    const planDocx = await renderOfficialDocumentDocx(plan);
    keepDocument(plan.fileBaseName, { pdf: planPdf, docx: planDocx });
    const text = normalise(pdfText(planPdf));
    expect(text).toContain('KẾ HOẠCH');
    expect(text).toContain(
      '(Kèm theo Quyết định số 123/QĐ-UBND ngày 15 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh Kon Tum)',
    );
    for (const objective of KONTUM_2024_TEMPLATE.objectives) {
      expect(text).toContain(`${objective.number}. ${objective.title.vi}`);
      for (const answer of Object.values(objective.plan)) expect(text).toContain(normalise(answer));
    }
    expect(wordCounts(wordParagraphs(docxParts(planDocx).read('word/document.xml')).join('\n'))).toEqual(
      wordCounts(pdfBodyText(planPdf)),
    );
  });
});
