import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { evidenceReference } from '@qcycle/contracts';
import { KONTUM_2024_TEMPLATE, reviewActionId } from '@qcycle/domain';
import {
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  EvidenceFileEntity,
  NextYearDraftEntity,
  QualityCycleEntity,
} from '@qcycle/persistence';
import { EVIDENCE_STORE, type EvidenceStore } from '../../../apps/api/src/evidence/evidence-store';
import type { DemoOrganisation } from './demo-organisation';

/** The leader's management review of the Kon Tum year (ISO 9.3.3 outputs and one action for next year). */
export const HELD_REVIEW = {
  minutesRef: 'BB-XXLĐ-2024',
  outputs: {
    improvementOpportunities: ['Số hóa phiếu kiểm soát'],
    qmsChanges: [],
    resourceNeeds: ['Máy quét tại bộ phận một cửa'],
  },
  actions: [
    {
      title: 'Số hóa phiếu kiểm soát quá trình',
      ownerUnitCode: 'vp-kiemsoat-tthc',
      dueDate: '2025-06-30',
    },
  ],
};

/**
 * The demo organisation's internal audit in October: the Office's focus tasks and the procedure
 * control, each signed off by an auditor from another unit (`withRecords` adds a third step, on
 * document control, for the walks that check one more).
 */
export const octoberAuditPlan = (org: DemoOrganisation, options: { withRecords?: boolean } = {}) => ({
  scope: 'Hệ thống quản lý chất lượng của Văn phòng UBND tỉnh',
  criteria: ['TCVN ISO 9001:2015', 'Quy trình nội bộ'],
  methods: 'Phỏng vấn, xem xét hồ sơ, quan sát',
  from: '2024-10-07',
  to: '2024-10-18',
  steps: [
    {
      id: 's1',
      unitCode: 'vp-tonghop',
      process: 'Theo dõi nhiệm vụ trọng tâm',
      clause: '9.1.1',
      auditorUserId: org.idOf('auditor.hcth'),
    },
    {
      id: 's2',
      unitCode: 'vp-kiemsoat-tthc',
      process: 'Kiểm soát thủ tục hành chính',
      clause: '8.5.1',
      auditorUserId: org.idOf('auditor.kinhte'),
    },
    ...(options.withRecords
      ? [
          {
            id: 's3',
            unitCode: 'vp-hanhchinh-tochuc',
            process: 'Kiểm soát thông tin dạng văn bản',
            clause: '7.5.3',
            auditorUserId: org.idOf('auditor.kinhte'),
          },
        ]
      : []),
  ],
});

/**
 * The organisation's year `year` as qcycle would have left it once closed: its cycle row, started by
 * `startedBy` on 3 January and closed the next January. The suites add the records they need (an
 * objective's result, an audit) under `${organisationCode}-${year}`.
 */
export async function recordClosedYear(
  records: DataSource,
  organisationCode: string,
  year: number,
  startedBy: string,
): Promise<string> {
  const id = `${organisationCode}-${year}`;
  await records.getRepository(QualityCycleEntity).insert({
    id,
    workflowId: `quality-cycle/${organisationCode}/${year}`,
    organisationCode,
    year,
    status: 'closed',
    phase: 'closing',
    startedBy,
    startedAt: `${year}-01-03T01:00:00.000Z`,
    updatedAt: `${year + 1}-01-22T10:00:00.000Z`,
    rehearsal: false,
  });
  return id;
}

/**
 * The organisation's internal audit of `year` as its workflow left it, closed, of three steps: the
 * one-stop centre's reception conforming; a minor nonconformity in the administrative procedures
 * unit's handling of files, whose corrective action was closed and found effective; an observation
 * on the administration unit's document control. Returns the audit's id.
 */
export async function recordLastYearsAudit(
  records: DataSource,
  org: DemoOrganisation,
  organisationCode: string,
  year: number,
): Promise<string> {
  const auditId = `quality-cycle/${organisationCode}/${year}/audit`;
  const cycleId = `${organisationCode}-${year}`;
  await records.getRepository(AuditEntity).insert({
    id: auditId,
    cycleId,
    leadAuditorUserId: org.idOf('lead.auditor'),
    plan: {
      scope: 'Hệ thống quản lý chất lượng của Văn phòng UBND tỉnh',
      criteria: ['TCVN ISO 9001:2015'],
      methods: 'Phỏng vấn, xem xét hồ sơ',
      from: `${year}-10-09`,
      to: `${year}-10-20`,
    },
    status: 'closed',
    report: 'Hệ thống được duy trì; một điểm không phù hợp nhẹ đã được khắc phục.',
    closedAt: `${year}-10-27T09:00:00.000Z`,
  });
  const step = (
    id: string,
    unitCode: string,
    process: string,
    clause: string,
    result: string,
    finding: string | null,
  ) => ({
    id: `${auditId}/step/${id}`,
    auditId,
    cycleId,
    unitCode,
    process,
    clause,
    auditorUserId: org.idOf(unitCode === 'vp-hanhchinh-tochuc' ? 'auditor.kinhte' : 'auditor.hcth'),
    result,
    evidence: null,
    notes: null,
    finding,
    signedOffAt: `${year}-10-18T08:00:00.000Z`,
  });
  await records
    .getRepository(AuditStepEntity)
    .insert([
      step('s1', 'vp-ttpvhcc', 'Tiếp nhận và trả kết quả', '8.2.1', 'conformity', null),
      step(
        's2',
        'vp-kiemsoat-tthc',
        'Giải quyết hồ sơ TTHC',
        '8.5.1',
        'minor-nc',
        'Hai hồ sơ trả kết quả không ghi ngày',
      ),
      step(
        's3',
        'vp-hanhchinh-tochuc',
        'Kiểm soát thông tin dạng văn bản',
        '7.5.3',
        'observation',
        'Sổ công văn đến chưa ghi hạn xử lý',
      ),
    ]);
  await records.getRepository(CorrectiveActionEntity).insert({
    id: `${auditId}/ca/s2`,
    cycleId,
    auditId,
    stepId: `${auditId}/step/s2`,
    source: 'audit-finding',
    raisedBy: null,
    verifierUserId: null,
    objectiveId: null,
    periodKey: null,
    carriedFromId: null,
    severity: 'minor-nc',
    unitCode: 'vp-kiemsoat-tthc',
    finding: 'Hai hồ sơ trả kết quả không ghi ngày',
    correction: 'Bổ sung ngày trả kết quả',
    rootCause: 'Mẫu sổ không có cột ngày trả',
    action: 'Sửa mẫu sổ theo dõi',
    ownerUserId: org.idOf('head.tthc'),
    dueDate: `${year}-11-30`,
    status: 'closed',
    rounds: 1,
    effective: true,
    verifiedBy: org.idOf('auditor.hcth'),
    verifiedAt: `${year}-12-05T08:00:00.000Z`,
    openedAt: `${year}-10-18T08:00:00.000Z`,
  });
  return auditId;
}

/**
 * What the organisation's closed year `year` (recorded by `recordClosedYear`) left for the next at its
 * close: its next-year draft, with its review's one action reported not done by the head of the
 * administrative procedures unit, resting on a file uploaded to the action's record (stored as an
 * upload is). Next year's review inputs carry it (ISO 9.3.2 a). Returns the file's name and reference.
 */
export async function recordLastYearsReviewAction(
  api: INestApplication,
  org: DemoOrganisation,
  organisationCode: string,
  year: number,
): Promise<{ title: string; fileName: string; reference: string }> {
  const records = api.get(DataSource);
  const cycleId = `${organisationCode}-${year}`;
  const actionId = reviewActionId(`quality-cycle/${organisationCode}/${year}/review`, 1);
  const fileName = `Sổ theo dõi đã số hóa năm ${year}.pdf`;
  const bytes = Buffer.from(`%PDF-1.7\nSo theo doi da so hoa ${year}\n%%EOF\n`);
  const stored = await api.get<EvidenceStore>(EVIDENCE_STORE).put(Readable.from([bytes]));
  const id = randomUUID();
  await records.getRepository(EvidenceFileEntity).insert({
    id,
    organisationCode,
    cycleId,
    recordType: 'review-action',
    recordKey: actionId,
    sha256: stored.sha256,
    size: stored.size,
    contentType: 'application/pdf',
    fileName,
    uploadedBy: org.idOf('head.tthc'),
    uploadedAt: `${year}-12-10T02:00:00.000Z`,
  });
  const title = 'Số hóa sổ theo dõi hồ sơ tại bộ phận một cửa';
  await records.getRepository(NextYearDraftEntity).insert({
    cycleId,
    nextCycleId: `${organisationCode}-${year + 1}`,
    organisationCode,
    year: year + 1,
    draft: { ...KONTUM_2024_TEMPLATE, year: year + 1 },
    previousActions: [
      {
        actionId,
        title,
        ownerUnitCode: 'vp-kiemsoat-tthc',
        ownerUserId: org.idOf('head.tthc'),
        dueDate: `${year}-12-15`,
        status: 'not-done',
        note: 'Mới số hóa được 3 trong 5 sổ.',
        evidence: [evidenceReference(id)],
        reportedBy: org.idOf('head.tthc'),
        reportedAt: `${year}-12-10T02:05:00.000Z`,
        carriedForward: true,
      },
    ],
    preparedAt: `${year + 1}-01-22T10:00:00.000Z`,
    startedAt: null,
    startedBy: null,
  });
  return { title, fileName, reference: evidenceReference(id) };
}
