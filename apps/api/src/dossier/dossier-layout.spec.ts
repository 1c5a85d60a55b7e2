import {
  documentPath,
  dossierBaseName,
  eventSubjectText,
  evidencePaths,
  indexCsv,
  noteText,
  orderEvidence,
  type IndexRow,
  type DossierEvidence,
  type DossierFacts,
} from './dossier-layout';

const workflowId = 'quality-cycle/kontum/2024';
const evidence = (
  id: string,
  recordKey: string,
  fileName: string,
  uploadedAt: string,
  recordType = 'measurement',
) =>
  ({
    id,
    recordType,
    recordKey,
    fileName,
    uploadedAt,
    sha256: 'a'.repeat(64),
    size: 1,
    uploadedBy: 'u',
  }) as DossierEvidence;

/** A year still running, as its dossier's note heads it. */
const RUNNING_YEAR: DossierFacts = {
  organisationCode: 'kontum',
  organisationName: 'UBND tỉnh Kon Tum',
  cycleId: 'kontum-2024',
  year: 2024,
  status: 'running',
  rehearsal: false,
  asOf: '2024-12-10T02:00:00.000Z',
};

describe('the dossier’s layout', () => {
  it('names the ZIP by year and organisation, marking a rehearsal and a year still running', () => {
    const facts: DossierFacts = {
      organisationCode: 'kontum',
      organisationName: 'UBND tỉnh Kon Tum',
      cycleId: 'kontum-2024',
      year: 2024,
      status: 'closed',
      rehearsal: false,
      asOf: '2025-01-10T02:00:00.000Z',
    };
    expect(dossierBaseName(facts)).toBe('HO-SO-ISO-2024-kontum');
    expect(dossierBaseName({ ...facts, status: 'cancelled' })).toBe('HO-SO-ISO-2024-kontum');
    expect(dossierBaseName({ ...facts, status: 'running', rehearsal: true })).toBe(
      'HO-SO-ISO-2024-kontum-DIEN-TAP-DU-THAO',
    );
  });

  it('keeps each registered version under the register’s file name and its version', () => {
    expect(documentPath({ fileBaseName: 'QD-123-UBND-2024', version: 2 }, 'docx')).toBe(
      'TAI-LIEU/QD-123-UBND-2024-v2.docx',
    );
  });

  it('puts evidence in a folder per record, names folded to ASCII, a clash numbered in upload order (any letter case)', () => {
    const march = `${workflowId}/monitoring/obj-4/measure/2024-03`;
    const files = orderEvidence([
      evidence('3', march, 'so theo doi.PDF', '2024-04-03T00:00:00.000Z'),
      evidence('1', march, 'Sổ theo dõi.pdf', '2024-04-01T00:00:00.000Z'),
      evidence(
        '2',
        `${workflowId}/audit/step/s1`,
        'Sổ theo dõi.pdf',
        '2024-09-01T00:00:00.000Z',
        'audit-step',
      ),
      evidence('4', march, 'Sổ theo dõi.pdf', '2024-04-02T00:00:00.000Z'),
    ]);
    expect(files.map((f) => f.id)).toEqual(['1', '4', '3', '2']);
    expect([...evidencePaths(files, workflowId).entries()]).toEqual([
      ['1', 'BANG-CHUNG/BAO-CAO-SO-LIEU/monitoring-obj-4-measure-2024-03/So-theo-doi.pdf'],
      ['4', 'BANG-CHUNG/BAO-CAO-SO-LIEU/monitoring-obj-4-measure-2024-03/So-theo-doi-2.pdf'],
      ['3', 'BANG-CHUNG/BAO-CAO-SO-LIEU/monitoring-obj-4-measure-2024-03/so-theo-doi-3.pdf'],
      ['2', 'BANG-CHUNG/DANH-GIA-NOI-BO/audit-step-s1/So-theo-doi.pdf'],
    ]);
  });

  it('writes the index as UTF-8 CSV with a byte-order mark, a file that is missing noted as such', () => {
    const csv = indexCsv([
      {
        path: 'BANG-CHUNG/X/a.pdf',
        kind: 'evidence',
        format: null,
        belongsTo: 'measurement:k',
        title: '=cmd.pdf',
        version: null,
        date: '2024-04-01 08:00:00',
        who: 'Trần Thị B',
        size: 10,
        sha256: 'b'.repeat(64),
        status: 'missing',
      },
    ]);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, row] = csv.subarray(3).toString('utf8').split('\r\n');
    expect(header).toContain('"SHA-256"');
    expect(row).toContain(`"'=cmd.pdf"`);
    expect(row).toContain('"THIẾU TỆP');
    // A record no longer there to be named: its type and key.
    expect(row).toContain('"Báo cáo số liệu: k"');
  });

  it("names an evidence file's record in words, its key beside", () => {
    const [, row] = indexCsv([
      {
        path: 'BANG-CHUNG/BAO-CAO-SO-LIEU/m/a.pdf',
        kind: 'evidence',
        format: null,
        belongsTo: 'measurement:quality-cycle/kontum/2024/monitoring/obj-4/measure/2024-03',
        title: 'Sổ theo dõi.pdf',
        about: 'Báo cáo số liệu mục tiêu 4 kỳ 03/2024',
        version: null,
        date: '2024-04-01 08:00:00',
        who: 'Trần Thị B',
        size: 10,
        sha256: 'b'.repeat(64),
        status: 'included',
      },
    ])
      .subarray(3)
      .toString('utf8')
      .split('\r\n');
    expect(row).toContain(
      '"Báo cáo số liệu: Báo cáo số liệu mục tiêu 4 kỳ 03/2024 (quality-cycle/kontum/2024/monitoring/obj-4/measure/2024-03)"',
    );
  });

  it('notes which paper the leader signed a scan is of, after why it is missing if it is', () => {
    const scan: IndexRow = {
      path: 'BANG-CHUNG/PHE-DUYET-MUC-TIEU/approval-approve-2/QD-123-da-ky.pdf',
      kind: 'evidence',
      format: null,
      belongsTo: 'approval:quality-cycle/kontum/2024/approval/approve/2',
      title: 'QĐ 123 đã ký.pdf',
      version: null,
      date: '2024-01-06 08:00:00',
      who: 'Văn thư',
      size: 10,
      sha256: 'c'.repeat(64),
      status: 'included',
      signedCopyOf: { type: 'objectives-decision', title: 'Quyết định số 123/QĐ-UBND' },
    };
    const notes = indexCsv([
      scan,
      { ...scan, status: 'missing' },
      { ...scan, signedCopyOf: undefined },
      { ...scan, signedCopyOf: undefined, unused: true },
      { ...scan, signedCopyOf: undefined, unused: true, status: 'missing' },
    ])
      .subarray(3)
      .toString('utf8')
      .split('\r\n')
      .slice(1, 6)
      .map((line) => line.slice(line.lastIndexOf(',"') + 2, -1));
    expect(notes).toEqual([
      'Bản đã ký (bản chụp) của Quyết định số 123/QĐ-UBND',
      'THIẾU TỆP: kho bằng chứng không có tệp này; không có trong hồ sơ; Bản đã ký (bản chụp) của Quyết định số 123/QĐ-UBND',
      '',
      // A file no answer names: said so, after why it is missing if it is.
      'Không được nêu trong câu trả lời nào',
      'THIẾU TỆP: kho bằng chứng không có tệp này; không có trong hồ sơ; Không được nêu trong câu trả lời nào',
    ]);
  });

  it('says in its note how many evidence files are scans of a signed paper, and how many no answer names; nothing when none is', () => {
    const counts = {
      documents: 2,
      versions: 2,
      evidence: 5,
      records: 3,
      events: 40,
      notIncluded: 0,
      unscanned: [],
    };
    const evidenceLine = (signedCopies: number, unused = 0) =>
      noteText(RUNNING_YEAR, { ...counts, signedCopies, unused })
        .toString('utf8')
        .split('\r\n')
        .find((line) => line.startsWith('- BANG-CHUNG/'));
    expect(evidenceLine(2)).toBe(
      '- BANG-CHUNG/: 5 tệp bằng chứng của 3 hồ sơ, mỗi hồ sơ một thư mục, tên tệp như khi tải lên (bỏ dấu); ' +
        'trong đó 2 tệp là bản chụp văn bản lãnh đạo đã ký, cột "Ghi chú" của MUC-LUC.csv ghi của văn bản nào;',
    );
    expect(evidenceLine(0)).toBe(
      '- BANG-CHUNG/: 5 tệp bằng chứng của 3 hồ sơ, mỗi hồ sơ một thư mục, tên tệp như khi tải lên (bỏ dấu);',
    );
    expect(evidenceLine(2, 1)).toBe(
      '- BANG-CHUNG/: 5 tệp bằng chứng của 3 hồ sơ, mỗi hồ sơ một thư mục, tên tệp như khi tải lên (bỏ dấu); ' +
        'trong đó 2 tệp là bản chụp văn bản lãnh đạo đã ký, cột "Ghi chú" của MUC-LUC.csv ghi của văn bản nào; ' +
        '1 tệp không được nêu trong câu trả lời nào (tải lên hồ sơ nhưng không dùng, hoặc việc chưa được trả lời), cột "Ghi chú" ghi rõ;',
    );
    expect(evidenceLine(0, 3)).toBe(
      '- BANG-CHUNG/: 5 tệp bằng chứng của 3 hồ sơ, mỗi hồ sơ một thư mục, tên tệp như khi tải lên (bỏ dấu); ' +
        'trong đó 3 tệp không được nêu trong câu trả lời nào (tải lên hồ sơ nhưng không dùng, hoặc việc chưa được trả lời), cột "Ghi chú" ghi rõ;',
    );
  });

  it('names the signed papers it holds no scan of: where to add one while the year runs, a fact once closed', () => {
    const counts = {
      documents: 2,
      versions: 2,
      evidence: 1,
      records: 1,
      events: 40,
      notIncluded: 0,
      unused: 0,
    };
    const warnings = (status: DossierFacts['status'], unscanned: string[]) =>
      noteText({ ...RUNNING_YEAR, status }, { ...counts, signedCopies: 1, unscanned })
        .toString('utf8')
        .split('\r\n')
        .filter((line) => line.startsWith('CHÚ Ý'));
    const papers = ['Quyết định số 123/QĐ-UBND', 'Biên bản họp xem xét của lãnh đạo số 05/BB-UBND'];
    expect(warnings('running', papers)).toEqual([
      'CHÚ Ý: hồ sơ không có bản đã ký (bản chụp) của Quyết định số 123/QĐ-UBND; Biên bản họp xem xét của lãnh đạo số 05/BB-UBND ' +
        '(thêm ở trang Văn bản của năm trước khi kết thúc năm; sau đó các hồ sơ của năm đã chốt).',
    ]);
    expect(warnings('closed', papers.slice(1))).toEqual([
      'CHÚ Ý: hồ sơ không có bản đã ký (bản chụp) của Biên bản họp xem xét của lãnh đạo số 05/BB-UBND.',
    ]);
    expect(warnings('running', [])).toEqual([]);
  });
});

describe('eventSubjectText', () => {
  const unitName = (code: string) => (code === 'vp-tonghop' ? 'Phòng Tổng hợp' : code);

  it('names a task by its Vietnamese title, its period as the documents write it', () => {
    expect(
      eventSubjectText(
        {
          kind: 'task',
          id: 'quality-cycle/kontum/2024/monitoring/obj-4/measure/2024-03',
          title: { vi: 'Báo cáo số liệu mục tiêu 4 kỳ 2024-03', en: 'Report objective 4 for 2024-03' },
          periodKey: '2024-03',
          unitCode: null,
          finding: null,
        },
        unitName,
      ),
    ).toBe('Báo cáo số liệu mục tiêu 4 kỳ 03/2024');
  });

  it('names a corrective action by its unit and its nonconformity', () => {
    expect(
      eventSubjectText(
        {
          kind: 'corrective-action',
          id: 'quality-cycle/kontum/2024/nonconformity/1',
          title: null,
          periodKey: null,
          unitCode: 'vp-tonghop',
          finding: 'Sổ theo dõi không được cập nhật.',
        },
        unitName,
      ),
    ).toBe('Điểm không phù hợp tại Phòng Tổng hợp: Sổ theo dõi không được cập nhật.');
  });

  it('names nothing for an event about the cycle as a whole', () => {
    expect(eventSubjectText(undefined, unitName)).toBe('');
  });
});
