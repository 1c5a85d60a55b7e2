import { KONTUM_2024_TEMPLATE } from '@qcycle/domain';
import type { DecisionWording } from './decision-document';
import type { NonconformityView } from './dto/nonconformity.view';
import { nonconformityReportDocument } from './nonconformity-report-document';
import type { DocumentBlock, OfficialDocument } from './official-document';

const wording: DecisionWording = KONTUM_2024_TEMPLATE;

/** A complaint opened by the Quality Representative, planned, not verified yet. */
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

const form = (nonconformity: NonconformityView, fileNames: Record<string, string> = {}) =>
  nonconformityReportDocument({ nonconformity, year: 2024, date: '2024-03-08', fileNames }, wording);

/** Section I as printed: `label text` per paragraph, up to section II. */
function generalSection(document: OfficialDocument): string[] {
  const end = document.body.findIndex((b) => b.kind === 'heading' && b.text.startsWith('II.'));
  return document.body
    .slice(1, end)
    .map((b: DocumentBlock) =>
      b.kind === 'paragraph' ? [b.label, b.text].filter(Boolean).join(' ') : b.kind,
    );
}

describe('the nonconformity form says where each nonconformity comes from', () => {
  it('an internal-audit finding: the audit, its lead auditor, the unit, process, clause and auditor, who signs', () => {
    const document = form({
      ...complaint,
      id: 'quality-cycle/kontum/2024/audit/ca/s2',
      source: 'audit-finding',
      stepId: 's2',
      audit: {
        id: 'quality-cycle/kontum/2024/audit',
        from: '2024-10-07',
        to: '2024-10-18',
        leadAuditorUserId: 'u-mai',
        leadAuditorName: 'Lý Thị Mai',
      },
      process: 'Giải quyết hồ sơ TTHC',
      clause: '8.5.1',
      evidence: ['Sổ theo dõi hồ sơ tháng 9/2024'],
      auditorUserId: 'u-trang',
      auditorName: 'Đặng Thu Trang',
      raisedBy: 'u-trang',
      raisedByName: 'Đặng Thu Trang',
    });
    expect(document.fileBaseName).toBe('NC-s2-2024');
    expect(document.summary).toEqual([
      'Báo cáo sự không phù hợp và hành động khắc phục',
      '(Đánh giá nội bộ năm 2024)',
    ]);
    expect(generalSection(document)).toEqual([
      'Cuộc đánh giá: Đánh giá nội bộ Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 năm 2024, từ ngày 07 tháng 10 năm 2024 đến ngày 18 tháng 10 năm 2024.',
      'Trưởng đoàn đánh giá: Lý Thị Mai.',
      'Đơn vị được đánh giá: Phòng Kiểm soát thủ tục hành chính.',
      'Quá trình: Giải quyết hồ sơ TTHC.',
      'Điều khoản: 8.5.1.',
      'Chuyên gia đánh giá: Đặng Thu Trang.',
    ]);
    expect(document.recipients).toEqual([
      'Phòng Kiểm soát thủ tục hành chính',
      'Trưởng đoàn đánh giá',
      'Đại diện chất lượng',
      'Lưu: VT, ISO',
    ]);
    expect(document.signature).toEqual({ lines: ['CHUYÊN GIA ĐÁNH GIÁ'], name: 'Đặng Thu Trang' });
  });

  it('a complaint: its source, who raised it, the unit and the verifier named, who signs', () => {
    const document = form(complaint);
    expect(document.fileBaseName).toBe('NC-3-2024');
    expect(document.summary[1]).toBe('(Khiếu nại, phản ánh năm 2024)');
    expect(generalSection(document)).toEqual([
      'Nguồn: Khiếu nại, phản ánh của tổ chức, cá nhân.',
      'Người ghi nhận: Trần Quốc Việt.',
      'Đơn vị: Phòng Kiểm soát thủ tục hành chính.',
      'Người kiểm tra hiệu lực: Đặng Thu Trang.',
    ]);
    expect(document.recipients).toEqual([
      'Phòng Kiểm soát thủ tục hành chính',
      'Đại diện chất lượng',
      'Lưu: VT, ISO',
    ]);
    expect(document.signature).toEqual({ lines: ['NGƯỜI KIỂM TRA'], name: 'Đặng Thu Trang' });
  });

  it('an external audit and an observation: their source', () => {
    expect(generalSection(form({ ...complaint, source: 'external-audit' }))[0]).toBe(
      'Nguồn: Đánh giá của tổ chức bên ngoài.',
    );
    expect(generalSection(form({ ...complaint, source: 'observation' }))[0]).toBe(
      'Nguồn: Quan sát trong quá trình theo dõi, giám sát.',
    );
  });

  it('a missed objective: the objective as approved and the period', () => {
    const document = form({
      ...complaint,
      source: 'missed-objective',
      objective: { id: 'obj-4', number: 4, title: 'Trên 80% hồ sơ đúng hạn.', periodKey: '2024-Q1' },
    });
    expect(document.summary[1]).toBe('(Mục tiêu không đạt năm 2024)');
    expect(generalSection(document).slice(0, 3)).toEqual([
      'Nguồn: Mục tiêu chất lượng không đạt.',
      'Mục tiêu: Mục tiêu số 4: Trên 80% hồ sơ đúng hạn.',
      'Kỳ theo dõi: Quý 1/2024.',
    ]);
  });

  it("one carried from last year: last year's action it continues, and its source there", () => {
    const document = form({
      ...complaint,
      source: 'audit-finding',
      raisedByName: 'Đặng Thu Trang',
      verifierName: 'Trần Quốc Việt',
      carriedFrom: {
        id: 'quality-cycle/kontum/2023/audit/ca/s2',
        year: 2023,
        foundOn: '2023-10-12',
        process: 'Giải quyết hồ sơ TTHC',
        clause: '8.5.1',
        status: 'planned',
        rounds: 2,
      },
    });
    expect(document.summary[1]).toBe('(Chuyển tiếp từ năm 2023)');
    expect(generalSection(document)).toEqual([
      'Nguồn: Phát hiện của đánh giá nội bộ năm 2023, quá trình Giải quyết hồ sơ TTHC, điều khoản 8.5.1.',
      'Chuyển tiếp từ: hành động khắc phục năm 2023 (ghi nhận ngày 12 tháng 10 năm 2023), chưa được xác nhận có hiệu lực khi kết thúc năm 2023 (đang khắc phục, lần khắc phục thứ 2), tiếp tục thực hiện trong năm 2024.',
      'Người ghi nhận: Đặng Thu Trang.',
      'Đơn vị: Phòng Kiểm soát thủ tục hành chính.',
      'Người kiểm tra hiệu lực: Trần Quốc Việt.',
    ]);
    expect(document.signature).toEqual({ lines: ['NGƯỜI KIỂM TRA'], name: 'Trần Quốc Việt' });
  });

  it('prints sections II to V alike for every source', () => {
    const sections = (document: OfficialDocument) =>
      document.body.slice(document.body.findIndex((b) => b.kind === 'heading' && b.text.startsWith('II.')));
    expect(sections(form({ ...complaint, source: 'observation' }))).toEqual(sections(form(complaint)));
    expect(sections(form(complaint))).toContainEqual({
      kind: 'paragraph',
      label: '5. Thời hạn hoàn thành:',
      text: 'ngày 29 tháng 3 năm 2024.',
    });
  });

  it('names its evidence as a reader of the paper needs it: a record as written, an uploaded file by its name', () => {
    const uploaded = '0b6a4c1e-2f3d-4e5a-9b8c-7d6e5f4a3b2c';
    const gone = '9c8d7e6f-0000-4e6f-8a7b-9c0d1e2f3a4b';
    const document = form(
      {
        ...complaint,
        evidence: ['Sổ theo dõi hồ sơ tháng 9/2024.', `evidence:${uploaded}`, `evidence:${gone}`],
      },
      { [uploaded]: 'Biên bản kiểm tra ngày 12-9.pdf' },
    );
    expect(document.body).toContainEqual({
      kind: 'paragraph',
      label: 'Bằng chứng:',
      text: 'Sổ theo dõi hồ sơ tháng 9/2024; tệp “Biên bản kiểm tra ngày 12-9.pdf”; tệp minh chứng 9c8d7e6f.',
    });
  });

  it('names what the plan rests on, for whoever checks its effect, and says nothing of it when the plan names none', () => {
    const uploaded = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
    const planItem = (document: OfficialDocument) =>
      document.body.find((b) => b.kind === 'paragraph' && b.label === '6. Minh chứng thực hiện:');
    expect(
      planItem(
        form(
          { ...complaint, actionEvidence: ['Phiếu hẹn theo mẫu mới', `evidence:${uploaded}`] },
          { [uploaded]: 'Mẫu phiếu hẹn đã sửa.pdf' },
        ),
      ),
    ).toEqual({
      kind: 'paragraph',
      label: '6. Minh chứng thực hiện:',
      text: 'Phiếu hẹn theo mẫu mới; tệp “Mẫu phiếu hẹn đã sửa.pdf”.',
    });
    expect(planItem(form(complaint))).toBeUndefined();
  });

  it('names what its verifier checked under the verification, and nothing when they named none', () => {
    const photo = '7e6d5c4b-3a2f-4e1d-9c8b-7a6f5e4d3c2b';
    const verification = {
      verifiedBy: 'u-trang',
      verifierName: 'Đặng Thu Trang',
      verifiedAt: '2024-04-02T03:00:00.000Z',
      verifiedOn: '2024-04-02',
      effective: true,
      notes: 'Đã kiểm tra 20 hồ sơ trả lại trong tháng 3.',
    };
    const checked = (document: OfficialDocument) =>
      document.body.find((b) => b.kind === 'paragraph' && b.label === 'Bằng chứng kiểm tra:');
    expect(
      checked(
        form(
          {
            ...complaint,
            status: 'closed',
            verification: { ...verification, evidence: ['Sổ trả kết quả tháng 3', `evidence:${photo}`] },
          },
          { [photo]: 'Ảnh phiếu trả lại có lý do.jpg' },
        ),
      ),
    ).toEqual({
      kind: 'paragraph',
      label: 'Bằng chứng kiểm tra:',
      text: 'Sổ trả kết quả tháng 3; tệp “Ảnh phiếu trả lại có lý do.jpg”.',
    });
    expect(checked(form({ ...complaint, verification: { ...verification, evidence: [] } }))).toBeUndefined();
  });
});
