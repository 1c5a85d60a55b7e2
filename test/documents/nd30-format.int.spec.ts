import type { DataSource } from 'typeorm';
import type { QcycleConfig } from '@qcycle/config';
import { KONTUM_2024_TEMPLATE, type Objective } from '@qcycle/domain';
import { DocumentVersionEntity, migrateUp, openDataSource } from '@qcycle/persistence';
import { createTestDatabase } from '@qcycle/testing';
import {
  auditPlanDocument,
  auditReportDocument,
  type AuditRecord,
} from '../../apps/api/src/documents/audit-documents';
import {
  annualQmsReportDocument,
  type AnnualQmsReportData,
} from '../../apps/api/src/documents/annual-qms-report-document';
import { conformityAnnouncementDocument } from '../../apps/api/src/documents/conformity-announcement-document';
import {
  decisionDocument,
  objectivesPlanDocument,
  type DecisionRecord,
} from '../../apps/api/src/documents/decision-document';
import { documentCalendar } from '../../apps/api/src/documents/document-calendar';
import {
  DocumentRegisterService,
  renderDocx,
  type DocumentSource,
  type DocumentType,
} from '../../apps/api/src/documents/document-register.service';
import type { NonconformityView } from '../../apps/api/src/documents/dto/nonconformity.view';
import { nonconformityReportDocument } from '../../apps/api/src/documents/nonconformity-report-document';
import { renderOfficialDocumentHtml } from '../../apps/api/src/documents/official-document.html';
import { earlierTemplates, type OfficialDocument } from '../../apps/api/src/documents/official-document';
import { PdfPrinter } from '../../apps/api/src/documents/pdf-printer';
import {
  reviewMinutesDocument,
  type ReviewRecord,
} from '../../apps/api/src/documents/review-minutes-document';
import { keepDocument, normalise, pdfText } from './support/document-text';
import { clerkFindings, type ClerkExpectation } from './support/nd30-format';

const wording = KONTUM_2024_TEMPLATE;
/** The same year's wording for a commune's people's committee. */
const COMMUNE = {
  ...KONTUM_2024_TEMPLATE,
  organisation: {
    ...KONTUM_2024_TEMPLATE.organisation,
    name: { vi: 'Ủy ban nhân dân xã Ngọc Bay', en: 'Ngoc Bay Commune People’s Committee' },
  },
};
const decision: DecisionRecord = {
  documentNumber: '123/QĐ-UBND',
  signerName: KONTUM_2024_TEMPLATE.signer.name,
  signerTitle: KONTUM_2024_TEMPLATE.signer.title,
  signingDate: '2024-01-15',
  effectiveDate: '2024-01-15',
  objectives: KONTUM_2024_TEMPLATE.objectives as Objective[],
};

/** A closed internal audit of the Office, one minor nonconformity; dated 7 February (day and month with a 0). */
const audit: AuditRecord = {
  id: 'quality-cycle/kontum/2024/audit',
  status: 'closed',
  plan: {
    scope: 'Toàn bộ Hệ thống quản lý chất lượng tại Văn phòng Ủy ban nhân dân tỉnh.',
    criteria: ['TCVN ISO 9001:2015', 'Quy trình nội bộ của Văn phòng'],
    methods: 'Phỏng vấn, xem xét hồ sơ, quan sát.',
    from: '2024-02-05',
    to: '2024-02-06',
  },
  report: 'Hệ thống quản lý chất lượng được duy trì phù hợp; một điểm không phù hợp nhẹ.',
  steps: [
    {
      id: 's1',
      unitCode: 'vp-kiemsoat-tthc',
      process: 'Tiếp nhận hồ sơ',
      clause: '8.5.1',
      auditorUserId: 'u-trang',
      result: 'minor-nc',
      evidence: ['Sổ theo dõi hồ sơ tháng 01/2024'],
      finding: 'Hai hồ sơ trả kết quả không ghi ngày.',
      notes: null,
    },
  ],
  correctiveActions: [
    {
      severity: 'minor-nc',
      unitCode: 'vp-kiemsoat-tthc',
      finding: 'Hai hồ sơ trả kết quả không ghi ngày.',
      correction: 'Bổ sung ngày trả kết quả.',
      rootCause: 'Mẫu sổ không có cột ngày trả.',
      action: 'Sửa mẫu sổ theo dõi.',
      dueDate: '2024-03-29',
      status: 'planned',
      effective: null,
    },
  ],
  leadAuditorUserId: 'u-trang',
  leadAuditorName: 'Đặng Thu Trang',
  names: { 'u-trang': 'Đặng Thu Trang' },
  fileNames: {},
  date: '2024-02-07',
};

/** The year before's nonconformity in the same unit and process, its corrective action effective. */
const previousFinding: NonNullable<AuditRecord['previousFindings']>[number] = {
  year: 2023,
  unitCode: 'vp-kiemsoat-tthc',
  process: 'tiếp nhận hồ sơ',
  clause: '8.5.1',
  result: 'major-nc',
  finding: 'Không có sổ theo dõi hồ sơ.',
  correctiveAction: { status: 'closed', effective: true },
};

/** The same finding, its corrective action planned but not verified when 2023 closed, which carried it into 2024. */
const carriedFinding: NonNullable<AuditRecord['previousFindings']>[number] = {
  ...previousFinding,
  correctiveAction: { status: 'planned', effective: null, carriedForward: true },
};

/** A complaint, planned, not verified yet. */
const complaint: NonconformityView = {
  id: 'quality-cycle/kontum/2024/nonconformity/3',
  source: 'complaint',
  stepId: null,
  audit: null,
  unitCode: 'vp-kiemsoat-tthc',
  process: null,
  clause: null,
  severity: 'major-nc',
  finding: 'Công dân phản ánh hồ sơ bị trả lại không nêu lý do.',
  evidence: null,
  auditorUserId: null,
  auditorName: null,
  raisedBy: 'u-qmr',
  raisedByName: 'Trần Quốc Việt',
  verifierUserId: 'u-trang',
  verifierName: 'Đặng Thu Trang',
  objective: null,
  carriedFrom: null,
  foundOn: '2024-03-04',
  correction: 'Gửi văn bản nêu lý do.',
  rootCause: 'Mẫu phiếu không có mục lý do.',
  action: 'Bổ sung mẫu phiếu.',
  ownerUserId: 'u-lan',
  ownerName: 'Nguyễn Thị Lan',
  dueDate: '2024-03-29',
  actionEvidence: [],
  verification: null,
  status: 'planned',
  rounds: 1,
};

/** A management review held on 10 December 2024, chaired by the leader; the record names no secretary. */
const review: ReviewRecord = {
  review: {
    status: 'held',
    inputs: {},
    outputs: { improvementOpportunities: [], qmsChanges: [], resourceNeeds: [] },
    actions: [],
    minutesRef: 'BB-05/2024',
    heldAt: '2024-12-10T02:00:00.000Z',
    heldOn: null,
  },
  year: 2024,
  chairName: 'Nguyễn Hữu Tháp',
  date: '2024-12-10',
  dateOf: documentCalendar(false, 0).dateOf,
  objectives: [],
  ownerNames: {},
};

/** The yearly report to the Department of Science and Technology, sent on 20 December 2024. */
const yearly: AnnualQmsReportData = {
  organisation: wording.organisation.name.vi,
  year: 2024,
  date: '2024-12-20',
  scope: wording.scope.vi,
  standard: wording.standard,
  previousScope: null,
  firstYear: true,
  documents: [],
  audit: null,
  review: null,
  objectives: [],
  correctiveActions: [],
  signerName: KONTUM_2024_TEMPLATE.signer.name,
};

/**
 * The clerk's check (văn thư, Decree 30/2020/NĐ-CP Appendix I and III) of every document qcycle
 * issues that the year suite does not render from records (the objectives report, the yearly
 * report, the announcement and the minutes are checked in official-documents-year): real chromium,
 * the `docx` package, poppler. The objectives report, the yearly report and the minutes are checked
 * in official-documents-year.int.spec.ts with the same {@link clerkFindings}.
 */
describe('Decree 30 format, as the clerk checks it: number and symbol, date, page numbers, margins, fonts, in PDF and DOCX', () => {
  const printer = new PdfPrinter({} as QcycleConfig);
  afterAll(() => printer.onApplicationShutdown());

  const render = async (document: OfficialDocument) => {
    const files = {
      pdf: await printer.print(renderOfficialDocumentHtml(document), document.properties.date),
      docx: await renderDocx(document, printer),
    };
    keepDocument(`nd30-${document.fileBaseName}`, files);
    return files;
  };

  const cases: [string, () => OfficialDocument, ClerkExpectation][] = [
    [
      'the decision (QĐ), numbered by qcycle',
      () => decisionDocument(decision, wording),
      { number: 'Số: 123/QĐ-UBND', placeAndDate: 'Kon Tum, ngày 15 tháng 01 năm 2024', recipients: true },
    ],
    [
      'the plan issued with the decision: an attachment, no number nor place and date of its own',
      () => objectivesPlanDocument(decision, wording),
      { number: null, placeAndDate: null, recipients: false },
    ],
    [
      'the announcement of conformity (QĐ), numbered by the clerk on sending',
      () => conformityAnnouncementDocument(decision, wording, { kind: 'first-year' }),
      { number: 'Số: /QĐ-UBND', placeAndDate: 'Kon Tum, ngày 15 tháng 01 năm 2024', recipients: true },
    ],
    [
      'the internal audit plan (KH), numbered by the clerk on sending',
      () => auditPlanDocument(audit, wording),
      { number: 'Số: /KH-UBND', placeAndDate: 'Kon Tum, ngày 07 tháng 02 năm 2024', recipients: false },
    ],
    [
      'the internal audit report (BC), numbered by the clerk on sending',
      () => auditReportDocument(audit, wording),
      { number: 'Số: /BC-UBND', placeAndDate: 'Kon Tum, ngày 07 tháng 02 năm 2024', recipients: true },
    ],
    [
      'the nonconformity form (a QMS record, not a Decree 30 type): no number',
      () =>
        nonconformityReportDocument(
          { nonconformity: complaint, year: 2024, date: '2024-03-04', fileNames: {} },
          wording,
        ),
      { number: null, placeAndDate: 'Kon Tum, ngày 04 tháng 3 năm 2024', recipients: true },
    ],
  ];

  it.each(cases)('%s', async (_name, build, expected) => {
    const document = build();
    const files = await render(document);
    expect(clerkFindings(files.pdf, files.docx, expected)).toEqual([]);
  });

  /**
   * docs/documents.md "A template change and the register": the register answers a version it holds
   * as registered, files as stored, when today's template prints the same records with another
   * layout; only content not registered yet is rendered with today's template.
   */
  describe('a template change and the register (SQLite)', () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    let dataSource: DataSource;
    let register: DocumentRegisterService;

    beforeAll(async () => {
      database = await createTestDatabase('sqlite');
      dataSource = await openDataSource(database.config);
      await migrateUp(dataSource);
      register = new DocumentRegisterService(dataSource, printer);
    });
    afterAll(async () => {
      await dataSource?.destroy();
      await database?.drop();
    });

    const source = (
      model: OfficialDocument,
      type: DocumentType = 'audit-report',
      cycleId = 'kontum-2024',
    ): DocumentSource => ({
      organisationCode: 'kontum',
      cycleId,
      year: 2024,
      type,
      number: '',
      sourceRecord: `audits/${audit.id}`,
      approvedBy: null,
      approvedByName: audit.leadAuditorName,
      model,
    });

    it('answers the version registered under the earlier template as stored, and gives only new content the new layout', async () => {
      const today = auditReportDocument(audit, wording);
      // What the template before the Decree 30 review built from the same records: no "Số:" line.
      const [before] = earlierTemplates(today);
      expect(before.header.numberAndSymbol).toBeUndefined();
      const issued = await register.issue(source(before), 'u-qmr');
      expect(normalise(pdfText(Buffer.from(issued.pdf, 'base64')))).not.toContain('/BC-UBND');

      // Downloaded again after the template changed: the same version, the same files.
      const again = await register.issue(source(today), 'u-qmr');
      expect({ id: again.id, pdfSha256: again.pdfSha256, docxSha256: again.docxSha256 }).toEqual({
        id: 'kontum-2024.audit-report.v1',
        pdfSha256: issued.pdfSha256,
        docxSha256: issued.docxSha256,
      });
      expect((await register.findByContent('kontum-2024', 'audit-report', today))?.id).toBe(issued.id);
      expect(await dataSource.getRepository(DocumentVersionEntity).countBy({ cycleId: 'kontum-2024' })).toBe(
        1,
      );

      // A changed record is a new version, printed with today's template.
      const changed = auditReportDocument(
        { ...audit, report: `${audit.report} Đã bổ sung kết luận.` },
        wording,
      );
      const next = await register.issue(source(changed), 'u-qmr');
      expect(next.id).toBe('kontum-2024.audit-report.v2');
      expect(normalise(pdfText(Buffer.from(next.pdf, 'base64')))).toContain('Số: /BC-UBND');
    });

    /** Registrations of the cases below, each in a year of its own. */
    let registrations = 0;

    /**
     * The clerk's reviews of the minutes, the plan and the yearly report changed their models: each
     * earlier template's model of the same records is still answered as the version it registered.
     */
    it.each<[string, DocumentType, () => OfficialDocument, (earlier: OfficialDocument[]) => void]>([
      [
        'the review minutes, signed by the chair alone with no recipients, before that without "Số:"',
        'review-minutes',
        () => reviewMinutesDocument(review, wording),
        ([before, first]) => {
          expect(before.signature).toEqual({ lines: ['CHỦ TRÌ'], name: 'Nguyễn Hữu Tháp' });
          expect(before).not.toHaveProperty('coSignature');
          expect(before).not.toHaveProperty('recipients');
          expect(before.header.numberAndSymbol).toBeDefined();
          expect(first.header.numberAndSymbol).toBeUndefined();
          expect(first.signature).toEqual(before.signature);
        },
      ],
      [
        'the plan, with a place and date line of its own',
        'objectives-plan',
        () => objectivesPlanDocument(decision, wording),
        ([before, ...none]) => {
          expect(before.header).toMatchObject({ place: 'Kon Tum', date: '2024-01-15' });
          expect(none).toEqual([]);
        },
      ],
      [
        'the yearly report, its "Kính gửi:" the first paragraph of the text, before that sent to the Department it is addressed to by name, before that without "Số:"',
        'annual-qms-report',
        () => annualQmsReportDocument(yearly, wording),
        ([indented, before, first]) => {
          expect(indented).not.toHaveProperty('addressee');
          expect(indented.body[0]).toEqual({
            kind: 'paragraph',
            text: 'Kính gửi: Sở Khoa học và Công nghệ.',
          });
          expect(indented.recipients).toEqual(['Như trên', 'Lưu: VT, ISO']);
          expect(before.recipients).toEqual(['Sở Khoa học và Công nghệ', 'Lưu: VT, ISO']);
          expect(before.header.numberAndSymbol).toBeDefined();
          expect(first.recipients).toEqual(before.recipients);
          expect(first.header.numberAndSymbol).toBeUndefined();
        },
      ],
      [
        'the yearly report listing "-" for a document the clerical office numbered on sending',
        'annual-qms-report',
        () =>
          annualQmsReportDocument(
            {
              ...yearly,
              documents: [
                {
                  number: '123/QĐ-UBND',
                  title: 'Quyết định ban hành mục tiêu',
                  version: 1,
                  issuedOn: '2024-01-15',
                },
                {
                  number: '16/BC-UBND',
                  title: 'Báo cáo kết quả thực hiện mục tiêu',
                  version: 1,
                  issuedOn: '2024-12-20',
                },
              ],
            },
            wording,
          ),
        ([before, ...older]) => {
          const table = (model: OfficialDocument) =>
            model.body.flatMap((block) =>
              block.kind === 'table' ? [block.rows.map((row) => row[1])] : [],
            )[0];
          // The decision keeps its number; the report's, given on sending, was not cited.
          expect(table(before)).toEqual(['123/QĐ-UBND', '-']);
          expect(older).toHaveLength(3);
        },
      ],
      [
        'the audit report, before it followed up the findings of the year before',
        'audit-report',
        () => auditReportDocument({ ...audit, previousFindings: [previousFinding] }, wording),
        ([before, ...older]) => {
          // The report as it was built before the follow-up: section IV the conclusion.
          expect(before.body).toEqual(auditReportDocument(audit, wording).body);
          expect(older).toHaveLength(1);
        },
      ],
      [
        'the audit report, before it said which of the year before’s corrective actions go on this year',
        'audit-report',
        () => auditReportDocument({ ...audit, previousFindings: [carriedFinding] }, wording),
        ([before, ...older]) => {
          const followedUp = (model: OfficialDocument) =>
            model.body.flatMap((block) =>
              block.kind === 'paragraph' && block.text.includes('Lần đánh giá này') ? [block.text] : [],
            );
          expect(
            followedUp(auditReportDocument({ ...audit, previousFindings: [carriedFinding] }, wording)),
          ).toEqual([
            '1. Phòng Kiểm soát thủ tục hành chính: tiếp nhận hồ sơ (điều khoản 8.5.1), không phù hợp nặng: ' +
              'Không có sổ theo dõi hồ sơ. Hành động khắc phục: đang khắc phục, chuyển sang năm 2024. ' +
              'Lần đánh giá này: không phù hợp nhẹ.',
          ]);
          // The report as it was built before: the same follow-up, without where the action goes on.
          const { carriedForward: _, ...stood } = carriedFinding.correctiveAction!;
          expect(before.body).toEqual(
            auditReportDocument(
              { ...audit, previousFindings: [{ ...carriedFinding, correctiveAction: stood }] },
              wording,
            ).body,
          );
          expect(older).toHaveLength(2);
        },
      ],
      [
        'the audit plan, before it marked the steps that audit again the findings of the year before',
        'audit-plan',
        () => auditPlanDocument({ ...audit, previousFindings: [previousFinding] }, wording),
        ([before, ...older]) => {
          // Today's step carries the mark (the process matched without case); the plan before it did not.
          const schedule = (model: OfficialDocument) =>
            model.body.filter((block) => block.kind === 'list').at(-1);
          expect(
            schedule(auditPlanDocument({ ...audit, previousFindings: [previousFinding] }, wording)),
          ).toEqual({
            kind: 'list',
            items: [
              '1. Phòng Kiểm soát thủ tục hành chính: Tiếp nhận hồ sơ (điều khoản 8.5.1); ' +
                'chuyên gia đánh giá: Đặng Thu Trang; đánh giá lại phát hiện năm 2023 (không phù hợp nặng).',
            ],
          });
          expect(before.body).toEqual(auditPlanDocument(audit, wording).body);
          expect(older).toHaveLength(1);
        },
      ],
      [
        'a commune’s minutes, dated with its whole name and sent to the province’s leaders',
        'review-minutes',
        () => reviewMinutesDocument(review, COMMUNE),
        ([before, ...older]) => {
          expect(before.header.place).toBe('Ủy ban nhân dân xã Ngọc Bay');
          expect(before.recipients?.[0]).toBe('Lãnh đạo UBND tỉnh');
          expect(older).toHaveLength(2);
        },
      ],
    ])('answers %s as the version it registered', async (_name, type, build, expectEarlier) => {
      const today = build();
      const earlier = earlierTemplates(today);
      expectEarlier(earlier);
      for (const [i, before] of earlier.entries()) {
        // Each template's registration in a year of its own.
        const cycleId = `kontum-2024-template-${(registrations += 1)}-${i}`;
        const issued = await register.issue(source(before, type, cycleId), 'u-qmr');
        const again = await register.issue(source(today, type, cycleId), 'u-qmr');
        expect({ id: again.id, pdfSha256: again.pdfSha256, docxSha256: again.docxSha256 }).toEqual({
          id: `${cycleId}.${type}.v1`,
          pdfSha256: issued.pdfSha256,
          docxSha256: issued.docxSha256,
        });
        expect((await register.findByContent(cycleId, type, today))?.id).toBe(issued.id);
        expect(await dataSource.getRepository(DocumentVersionEntity).countBy({ cycleId })).toBe(1);
      }
    });
  });
});
