import type { QualityRecordActivities } from '../../../activities/src/quality-records.activities';
import type { DemoOrganisation } from '../../api/support/demo-organisation';

/**
 * The instants a rehearsal's workflow writes: its calendar's, shifted as its schedule is
 * (`scheduleShiftMs`, docs/workflows.md "rehearsals"). Records written here for a rehearsal carry
 * them, as the workflow's would, and its documents name the calendar's days again.
 */
export async function rehearsalClock(
  org: DemoOrganisation,
  cycleId: string,
): Promise<(calendarInstant: string) => string> {
  const cycle = await org.as<{ live?: { scheduleShiftMs?: number } }>(
    'qmr',
    'GET',
    `/api/v1/cycles/${cycleId}`,
  );
  const scheduleShiftMs = cycle.body.live?.scheduleShiftMs ?? 0;
  if (cycle.status !== 200 || !(scheduleShiftMs > 0))
    throw new Error(`${cycleId} is not a rehearsal running on a shifted calendar (${cycle.status})`);
  return (calendarInstant) => new Date(Date.parse(calendarInstant) + scheduleShiftMs).toISOString();
}

/** A checklist step's row, as internalAudit records it and the sign-off fills it in. */
export interface AuditStepRow {
  id: string;
  auditId: string;
  cycleId: string;
  unitCode: string;
  process: string;
  clause: string;
  auditorUserId: string;
  result: string | null;
  evidence: string[] | null;
  notes: null;
  finding: string | null;
  signedOffAt: string | null;
}

/**
 * A Kon Tum 2024 internal audit written through the real record activities, in the order
 * internalAudit records it (the year's audit is in October; the HTTP walk of the whole year drives
 * it on the time-skipping server): planned with two checklist steps, then both signed off, the first
 * with a minor nonconformity. The auditors' sessions must exist (`org.tokenOf`) before.
 */
export class KontumAuditRecords {
  readonly auditId: string;
  readonly lead: string;
  /** The plan as the lead auditor submits it, its checklist steps in their planned order. */
  readonly plan: {
    scope: string;
    criteria: string[];
    methods: string;
    from: string;
    to: string;
    steps: { id: string; unitCode: string; process: string; clause: string; auditorUserId: string }[];
  };
  readonly steps: AuditStepRow[];

  constructor(
    private readonly records: QualityRecordActivities,
    org: DemoOrganisation,
    organisationCode: string,
    /** The instant the cycle's workflow writes for a calendar instant ({@link rehearsalClock}). */
    private readonly at: (calendarInstant: string) => string,
    private readonly cycleId = `${organisationCode}-2024`,
  ) {
    this.auditId = `quality-cycle/${organisationCode}/2024/audit`;
    this.lead = org.idOf('lead.auditor');
    // Numbered as the web's plan form numbers them, but as the ninth and tenth step: "s10" sorts
    // before "s9" as text, so whatever lists them must follow the plan's order, not the ids'.
    const planned = [
      {
        id: 's9',
        unitCode: 'vp-kiemsoat-tthc',
        auditorUserId: org.idOf('auditor.hcth'),
        process: 'Giải quyết hồ sơ TTHC',
        clause: '8.5.1',
      },
      {
        id: 's10',
        unitCode: 'vp-tonghop',
        auditorUserId: org.idOf('auditor.kinhte'),
        process: 'Theo dõi Chương trình công tác',
        clause: '9.1.1',
      },
    ];
    this.plan = {
      scope: 'Toàn bộ Hệ thống quản lý chất lượng tại Văn phòng Ủy ban nhân dân tỉnh',
      criteria: ['TCVN ISO 9001:2015', 'Quy trình giải quyết thủ tục hành chính đã công bố'],
      methods: 'Phỏng vấn, xem xét hồ sơ, quan sát tại chỗ',
      from: '2024-10-07',
      to: '2024-10-18',
      steps: planned,
    };
    this.steps = planned.map((step) => ({
      id: `${this.auditId}/step/${step.id}`,
      auditId: this.auditId,
      cycleId: this.cycleId,
      unitCode: step.unitCode,
      process: step.process,
      clause: step.clause,
      auditorUserId: step.auditorUserId,
      result: null,
      evidence: null,
      notes: null,
      finding: null,
      signedOffAt: null,
    }));
  }

  /** `audit.planned` on 3 October 2024 with its steps (`audit.steps-planned`). */
  async planned(): Promise<void> {
    const { cycleId, auditId, lead, at } = this;
    await this.records.recordAudit({
      cycleId,
      rows: [
        {
          id: auditId,
          cycleId,
          leadAuditorUserId: lead,
          plan: this.plan,
          status: 'in-progress',
          report: null,
          closedAt: null,
        },
      ],
      event: {
        id: `${auditId}/planned`,
        type: 'audit.planned',
        actor: lead,
        at: at('2024-10-03T02:00:00.000Z'),
      },
    });
    await this.records.recordAuditSteps({
      cycleId,
      rows: this.steps,
      event: {
        id: `${auditId}/steps`,
        type: 'audit.steps-planned',
        actor: lead,
        at: at('2024-10-03T02:00:00.000Z'),
      },
    });
  }

  /**
   * Step 1 signed off on 10 October with a minor nonconformity (`finding`), on the register and any
   * `uploaded` file references; step 2 conforming on the 11th.
   */
  async signedOff(finding: string, uploaded: string[] = []): Promise<void> {
    this.steps[0] = {
      ...this.steps[0],
      result: 'minor-nc',
      evidence: ['Sổ theo dõi hồ sơ tháng 9/2024', ...uploaded],
      finding,
      signedOffAt: this.at('2024-10-10T03:00:00.000Z'),
    };
    this.steps[1] = {
      ...this.steps[1],
      result: 'conformity',
      evidence: ['Báo cáo tháng 9/2024'],
      signedOffAt: this.at('2024-10-11T03:00:00.000Z'),
    };
    await this.records.recordAuditSteps({
      cycleId: this.cycleId,
      rows: this.steps,
      event: {
        id: `${this.auditId}/signed-off`,
        type: 'audit.step-signed-off',
        actor: this.lead,
        at: this.at('2024-10-11T03:00:00.000Z'),
      },
    });
  }
}
