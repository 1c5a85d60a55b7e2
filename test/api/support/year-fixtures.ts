import type { DataSource } from 'typeorm';
import { QualityCycleEntity } from '@qcycle/persistence';
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
