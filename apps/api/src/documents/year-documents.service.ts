import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QcycleError, QcycleErrorCode, qualityCycleId } from '@qcycle/contracts';
import type { IsoDate, Objective } from '@qcycle/domain';
import {
  CorrectiveActionEntity,
  DecisionEntity,
  DocumentVersionEntity,
  earlierYearResults,
  ManagementReviewEntity,
  MeasurementEntity,
  ObjectiveResultEntity,
} from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import type { AuditView, ReviewView } from '../cycles/dto/cycle-records.view';
import type { CycleReportView } from '../cycles/dto/cycle-report.view';
import { annualQmsReportDocument, type AnnualQmsReportData } from './annual-qms-report-document';
import { annualQmsReportCsv, annualQmsReportXlsx } from './annual-qms-report.spreadsheet';
import { unitNames } from './audit-documents';
import { conformityAnnouncementDocument, type AnnouncementReason } from './conformity-announcement-document';
import {
  CycleOfficialDocumentsService,
  decisionRecordOf,
  issuedUnderDecision,
  type OfficialDocumentSource,
} from './cycle-official-documents.service';
import { DecisionWordingSource } from './decision-wording.source';
import type { DocumentCalendar } from './document-calendar';
import type { DocumentFile, DocumentFormat, SpreadsheetFormat } from './document-negotiation';
import { objectivesReportDocument, objectiveVerdict } from './objectives-report-document';
import { reviewMinutesDocument } from './review-minutes-document';

/** The announcement of conformity as JSON: whether this year announces, why, and what. */
export interface ConformityAnnouncementRecord {
  cycleId: string;
  reason: AnnouncementReason;
  scope: string;
  standard: string;
  signerName: string;
  date: string;
}

/**
 * The documents of the year's end, generated from its records and registered like the decision:
 * the objectives report (`/report`), the yearly report on the QMS to the Department of Science
 * and Technology (also XLSX and CSV), the announcement of conformity and the review minutes.
 * The records the cycles module reads (report, audit, review) come in as arguments.
 *
 * The two reports of the year's figures are drafts until the year is closed (their figures still
 * change): downloading one registers nothing, and the Quality Representative issues the current
 * content deliberately (`issueObjectivesReport`, `issueAnnualQmsReport`), e.g. the yearly report
 * sent to the Department in December before the January close (docs/documents.md "Drafts and issuing").
 */
@Injectable()
export class YearDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly official: CycleOfficialDocumentsService,
    private readonly wordingSource: DecisionWordingSource,
  ) {}

  /** The objectives report as it stands: registered once the year is closed, before a draft unless issued as is. */
  async objectivesReportFile(
    caller: Principal,
    report: CycleReportView,
    format: DocumentFormat,
  ): Promise<DocumentFile> {
    const { key, source } = await this.objectivesReportSource(caller, report);
    const version = await this.official.yearEndVersion(
      caller,
      key,
      'objectives-report',
      source,
      yearClosed(report),
    );
    return this.official.yearEndFile(version, format);
  }

  /**
   * Issues the objectives report as the records say it now (the Quality Representative): its next
   * version, or the version already issued with this content; the same request sent again answers
   * the version it issued.
   */
  async issueObjectivesReport(
    caller: Principal,
    report: CycleReportView,
    requestId: string,
  ): Promise<DocumentVersionEntity> {
    const { key, source } = await this.objectivesReportSource(caller, report);
    return this.official.registeredVersion(caller, key, 'objectives-report', source, requestId);
  }

  private async objectivesReportSource(
    caller: Principal,
    report: CycleReportView,
  ): Promise<{ key: { organisationCode: string; year: number }; source: OfficialDocumentSource }> {
    const { row, key } = await this.official.decision(caller, report.cycleId);
    const objectives = row.objectives as Objective[];
    const [calendar, earlierYears] = await Promise.all([
      this.wordingSource.calendar(key.organisationCode, key.year),
      earlierYearResults(this.dataSource.manager, key.organisationCode, key.year, objectives),
    ]);
    const date = await this.lastRecordDate(report.cycleId, row.signingDate, calendar);
    return {
      key,
      source: issuedUnderDecision(row, '', (wording) =>
        objectivesReportDocument(
          { report, objectives, date, earlierYears, dateOf: calendar.dateOf },
          wording,
        ),
      ),
    };
  }

  /** The yearly report's facts (its JSON), from the records and the register. */
  async annualQmsReport(
    caller: Principal,
    report: CycleReportView,
    audit: AuditView | null,
    review: ReviewView | null,
  ): Promise<AnnualQmsReportData> {
    const { row, key } = await this.official.decision(caller, report.cycleId);
    const [wording, calendar] = await Promise.all([
      this.wordingSource.wording(key.organisationCode, key.year),
      this.wordingSource.calendar(key.organisationCode, key.year),
    ]);
    const { dateOf } = calendar;
    const objectives = row.objectives as Objective[];
    const reason = await this.announcementReason(key, wording.scope.vi);
    await this.official.registerApprovedDecisions(caller, { cycleId: report.cycleId });
    const issued = await this.dataSource.getRepository(DocumentVersionEntity).find({
      where: { cycleId: report.cycleId },
      select: ['type', 'version', 'number', 'dispatchNumber', 'title', 'issuedOn'],
      order: { type: 'ASC', version: 'DESC' },
    });
    // The latest version of each document, the yearly report itself aside (it lists the others), and
    // the nonconformity forms aside (records of findings, one per finding, not documents of the QMS).
    const documents = [
      ...new Map(
        issued
          .filter((d) => d.type !== 'annual-qms-report' && d.type !== 'nonconformity-report')
          .map((d) => [d.type, d] as const)
          .reverse(),
      ).values(),
    ]
      .sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : a.type < b.type ? -1 : 1))
      // A report, plan or minutes is numbered by the clerical office when it sends it: cited by that
      // number once it is recorded (docs/documents.md "Numbering on sending").
      .map((d) => ({
        number: d.number || (d.dispatchNumber ?? ''),
        title: d.title,
        version: d.version,
        issuedOn: d.issuedOn,
      }));
    const unit = unitNames(wording);
    // Every nonconformity of the year, whatever its source (the audit's findings, a missed objective,
    // a complaint, an external audit, an observation), not only the audit's.
    const correctiveActions = await this.dataSource
      .getRepository(CorrectiveActionEntity)
      .find({ where: { cycleId: report.cycleId }, order: { openedAt: 'ASC' } });
    const dates = [
      await this.lastRecordDate(report.cycleId, row.signingDate, calendar),
      ...documents.map((d) => d.issuedOn),
      ...(audit?.closedAt ? [dateOf(audit.closedAt)] : []),
      ...(review?.heldAt ? [meetingDay(review, dateOf)] : []),
    ].sort();
    return {
      organisation: wording.organisation.name.vi,
      year: key.year,
      date: dates[dates.length - 1],
      scope: wording.scope.vi,
      standard: wording.standard,
      previousScope: reason?.kind === 'scope-changed' ? reason.previousScope : null,
      firstYear: reason?.kind === 'first-year',
      documents,
      audit: audit && {
        status: audit.status,
        from: typeof audit.plan?.from === 'string' ? audit.plan.from : null,
        to: typeof audit.plan?.to === 'string' ? audit.plan.to : null,
        closedOn: audit.closedAt ? dateOf(audit.closedAt) : null,
        steps: audit.steps.length,
        findings: audit.correctiveActions.length,
      },
      review: review && {
        heldOn: review.heldAt ? meetingDay(review, dateOf) : null,
        minutesRef: review.minutesRef,
        actions: Array.isArray(review.actions) ? review.actions.length : 0,
      },
      objectives: report.objectives.map((o) => ({
        number: o.number,
        title: o.title.vi,
        verdict: objectiveVerdict(o, objectives),
      })),
      correctiveActions: correctiveActions.map((a) => ({
        unit: unit(a.unitCode),
        finding: a.finding,
        action: a.action ?? '',
        dueDate: a.dueDate,
        status: a.status,
      })),
      signerName: row.signerName,
    };
  }

  /**
   * The yearly report as it stands, with its tables: registered once the year is closed, before a
   * draft unless issued as is; the XLSX and CSV carry the same status and name as the document.
   */
  async annualQmsReportFile(
    caller: Principal,
    report: CycleReportView,
    data: AnnualQmsReportData,
    format: DocumentFormat | SpreadsheetFormat,
  ): Promise<DocumentFile> {
    const { key, source } = await this.annualQmsReportSource(caller, report.cycleId, data);
    const version = await this.official.yearEndVersion(
      caller,
      key,
      'annual-qms-report',
      source,
      yearClosed(report),
    );
    if (format === 'pdf' || format === 'docx') return this.official.yearEndFile(version, format);
    // The spreadsheets are the same data, written deterministically from it: not kept, rewritten.
    const bytes = format === 'xlsx' ? await annualQmsReportXlsx(data) : annualQmsReportCsv(data);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return version.status === 'issued'
      ? {
          status: 'issued',
          format,
          bytes,
          sha256,
          fileName: `${version.row.fileBaseName}.${format}`,
          documentId: version.row.id,
          version: version.row.version,
        }
      : {
          status: 'draft',
          format,
          bytes,
          sha256,
          fileName: `${version.model.fileBaseName}.${format}`,
          issuedVersion: version.issuedVersion,
        };
  }

  /** Issues the yearly report as the records say it now (the Quality Representative), as {@link issueObjectivesReport}. */
  async issueAnnualQmsReport(
    caller: Principal,
    report: CycleReportView,
    data: AnnualQmsReportData,
    requestId: string,
  ): Promise<DocumentVersionEntity> {
    const { key, source } = await this.annualQmsReportSource(caller, report.cycleId, data);
    return this.official.registeredVersion(caller, key, 'annual-qms-report', source, requestId);
  }

  private async annualQmsReportSource(
    caller: Principal,
    cycleId: string,
    data: AnnualQmsReportData,
  ): Promise<{ key: { organisationCode: string; year: number }; source: OfficialDocumentSource }> {
    const { row, key } = await this.official.decision(caller, cycleId);
    return {
      key,
      source: issuedUnderDecision(row, '', (wording) => annualQmsReportDocument(data, wording)),
    };
  }

  /** The announcement, due the first year and whenever the scope changes; else 404. */
  async conformityAnnouncement(caller: Principal, cycleId: string): Promise<ConformityAnnouncementRecord> {
    const { row, key } = await this.official.decision(caller, cycleId);
    const wording = await this.wordingSource.wording(key.organisationCode, key.year);
    const reason = await this.announcementReason(key, wording.scope.vi);
    if (!reason)
      throw new QcycleError(QcycleErrorCode.NotFound, 'announcement', {
        year: key.year,
        previousYear: key.year - 1,
      });
    return {
      cycleId,
      reason,
      scope: wording.scope.vi,
      standard: wording.standard,
      signerName: row.signerName,
      date: row.signingDate,
    };
  }

  async conformityAnnouncementFile(
    caller: Principal,
    cycleId: string,
    format: DocumentFormat,
  ): Promise<DocumentFile> {
    const announcement = await this.conformityAnnouncement(caller, cycleId);
    const { row, key } = await this.official.decision(caller, cycleId);
    return this.official.registered(
      caller,
      key,
      'conformity-announcement',
      format,
      issuedUnderDecision(row, '', (wording) =>
        conformityAnnouncementDocument(decisionRecordOf(row), wording, announcement.reason),
      ),
    );
  }

  /** The review minutes: 404 until the review is held (the record exists from the inputs' compilation). */
  async reviewMinutesFile(
    caller: Principal,
    cycleId: string,
    review: ReviewView,
    format: DocumentFormat,
  ): Promise<DocumentFile> {
    const key = this.official.own(caller, cycleId);
    if (review.status !== 'held' || !review.heldAt)
      throw new QcycleError(QcycleErrorCode.NotFound, 'reviewNotHeld', { cycleId });
    const [{ row }, reviewRow, { dateOf }] = await Promise.all([
      this.official.decision(caller, cycleId),
      this.dataSource.getRepository(ManagementReviewEntity).findOneBy({ cycleId }),
      this.wordingSource.calendar(key.organisationCode, key.year),
    ]);
    const objectives = (row.objectives as Objective[]).map((o) => ({ id: o.id, number: o.number }));
    const ownerIds = (Array.isArray(review.actions) ? (review.actions as { ownerUserId?: unknown }[]) : [])
      .map((action) => action.ownerUserId)
      .filter((id): id is string => typeof id === 'string');
    // The chair and the actions' owners, by name.
    const chairedBy = reviewRow?.chairedBy ?? null;
    const names = await this.official.namesOf(caller, chairedBy ? [chairedBy, ...ownerIds] : ownerIds);
    const chairName = chairedBy ? (names[chairedBy] ?? null) : null;
    return this.official.registered(caller, key, 'review-minutes', format, {
      number: review.minutesRef ?? '',
      sourceRecord: `management_reviews/${reviewRow?.id ?? cycleId}`,
      approvedBy: chairedBy,
      approvedByName: chairName,
      build: (wording) =>
        reviewMinutesDocument(
          {
            review,
            year: key.year,
            chairName,
            date: meetingDay(review, dateOf),
            dateOf,
            objectives,
            ownerNames: names,
          },
          wording,
        ),
    });
  }

  /**
   * Why this year announces its QMS: no decision the year before (its first year in qcycle), or a
   * scope other than last year's (from last year's approved wording, or its registered decision
   * once Temporal no longer keeps it). `null`: same scope, nothing to announce.
   */
  private async announcementReason(
    key: { organisationCode: string; year: number },
    scope: string,
  ): Promise<AnnouncementReason | null> {
    const previousCycle = qualityCycleId(key.organisationCode, key.year - 1);
    const previous = await this.dataSource
      .getRepository(DecisionEntity)
      .findOneBy({ cycleId: previousCycle });
    if (!previous) return { kind: 'first-year' };
    let previousScope: string | undefined;
    try {
      previousScope = (await this.wordingSource.wording(key.organisationCode, key.year - 1)).scope.vi;
    } catch (error) {
      if (!(error instanceof QcycleError)) throw error;
      const issued = await this.official.latestIssued(previousCycle, 'objectives-decision');
      // The decision's summary is "Phê duyệt … áp dụng tại" then the scope.
      previousScope = issued ? (JSON.parse(issued.content) as { summary: string[] }).summary[1] : undefined;
    }
    return previousScope !== undefined && previousScope !== scope
      ? { kind: 'scope-changed', previousScope }
      : null;
  }

  /** The day of the year's last figure or result: a report's date, from its records. */
  private async lastRecordDate(
    cycleId: string,
    fallback: string,
    { dateOf }: DocumentCalendar,
  ): Promise<string> {
    const [measurement, result] = await Promise.all([
      this.dataSource
        .getRepository(MeasurementEntity)
        .findOne({ where: { cycleId }, order: { reportedAt: 'DESC' } }),
      this.dataSource
        .getRepository(ObjectiveResultEntity)
        .findOne({ where: { cycleId }, order: { computedAt: 'DESC' } }),
    ]);
    const dates = [fallback, measurement?.reportedAt, result?.computedAt]
      .filter((d): d is string => !!d)
      .map((d) => (d.length > 10 ? dateOf(d) : d))
      .sort();
    return dates[dates.length - 1];
  }
}

/** The year's records are final once its cycle is closed; until then its figures may still change. */
function yearClosed(report: CycleReportView): boolean {
  return report.status === 'closed';
}

/**
 * The day a held review met: the day its minutes give (`heldOn`), else the day they were entered
 * (`heldAt`) on the cycle's calendar.
 */
function meetingDay(
  review: Pick<ReviewView, 'heldAt' | 'heldOn'>,
  dateOf: (instant: string) => IsoDate,
): IsoDate {
  return (review.heldOn as IsoDate | null) ?? dateOf(review.heldAt as string);
}
