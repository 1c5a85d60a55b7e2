import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { CycleOfficialDocumentsService } from '../documents/cycle-official-documents.service';
import { NonconformityReportsService } from '../documents/nonconformity-reports.service';
import { YearDocumentsService } from '../documents/year-documents.service';
import { CycleDocumentsService } from './cycle-documents.service';
import { CycleReportService, notYet } from './cycle-report.service';
import { NonconformitiesService } from './nonconformities.service';

/**
 * Every document a closed year has, in the register. A document is registered at its first
 * download, so a year whose audit report, minutes or year-end reports nobody happened to download
 * would leave them out of its dossier (docs/dossier.md), though its records are final. Registering
 * here is exactly what a download does (the same version, the same files, answered as stored
 * afterwards); what the year does not have (an audit not closed, a review not held, no
 * announcement due) is skipped, as its route answers 404.
 */
@Injectable()
export class ClosedYearDocumentsService {
  constructor(
    private readonly records: CycleDocumentsService,
    private readonly reports: CycleReportService,
    private readonly official: CycleOfficialDocumentsService,
    private readonly year: YearDocumentsService,
    private readonly nonconformities: NonconformitiesService,
    private readonly forms: NonconformityReportsService,
  ) {}

  /** Registers them, for a closed year only: before the close the year-end reports are drafts. */
  async registerAll(caller: Principal, cycleId: string): Promise<void> {
    const report = await notYet(this.reports.report(caller, cycleId));
    if (report?.status !== 'closed') return;
    const [audit, review] = await Promise.all([
      notYet(this.records.audit(caller, cycleId)),
      notYet(this.records.review(caller, cycleId)),
    ]);
    // One after the other: each prints with the one chromium, and a dossier is asked for rarely.
    if (audit?.plan) await this.official.auditFile(caller, cycleId, audit, 'audit-plan', 'pdf');
    if (audit?.status === 'closed' && audit.closedAt)
      await this.official.auditFile(caller, cycleId, audit, 'audit-report', 'pdf');
    for (const { id } of (await this.nonconformities.list(caller, cycleId)).items)
      await this.forms.nonconformityFile(
        caller,
        cycleId,
        await this.forms.nonconformityById(caller, cycleId, id),
        'pdf',
      );
    if (review?.status === 'held' && review.heldAt)
      await this.year.reviewMinutesFile(caller, cycleId, review, 'pdf');
    await notYet(this.year.conformityAnnouncementFile(caller, cycleId, 'pdf'));
    await this.year.objectivesReportFile(caller, report, 'pdf');
    // Last: the yearly report lists the year's documents, so each of them is in the register first
    // (else a later dossier would find it listing one more, and register a second version).
    const data = await this.year.annualQmsReport(caller, report, audit, review);
    await this.year.annualQmsReportFile(caller, report, data, 'pdf');
  }
}
