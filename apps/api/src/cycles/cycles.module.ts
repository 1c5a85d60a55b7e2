import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  EventLogEntryEntity,
  QualityCycleEntity,
  RehearsalDiscardEntity,
  TaskEntity,
} from '@qcycle/persistence';
import { CalendarsModule } from '../calendars/calendars.module';
import { DocumentsModule } from '../documents/documents.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { TasksModule } from '../tasks/tasks.module';
import { AuditActionsController } from './audit-actions.controller';
import { AuditActionsService } from './audit-actions.service';
import { CycleDocumentsController } from './cycle-documents.controller';
import { ClosedYearDocumentsService } from './closed-year-documents.service';
import { CycleDocumentsService } from './cycle-documents.service';
import { CycleDatesService } from './cycle-dates.service';
import { CycleRecordsService } from './cycle-records.service';
import { CycleReportService } from './cycle-report.service';
import { CycleYearReportsController } from './cycle-year-reports.controller';
import { CyclesController } from './cycles.controller';
import { CyclesService } from './cycles.service';
import { DecisionDraftController } from './decision-draft.controller';
import { DirectoryRosterService } from './directory-roster.service';
import { RehearsalDiscardService } from './rehearsal-discard.service';
import { MeasurementCorrectionsController } from './measurement-corrections.controller';
import { MeasurementCorrectionsService } from './measurement-corrections.service';
import { NonconformitiesController } from './nonconformities.controller';
import { NonconformitiesService } from './nonconformities.service';
import { NextYearController } from './next-year.controller';
import { NextYearService } from './next-year.service';
import { StartDraftsService } from './start-drafts.service';
import { TaskHandoversController } from './task-handovers.controller';
import { RosterController } from './roster.controller';
import { TaskHandoversService } from './task-handovers.service';
import { TaskUrgesController } from './task-urges.controller';
import { TaskUrgesService } from './task-urges.service';
import { TemplatesController } from './templates.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([QualityCycleEntity, TaskEntity, EventLogEntryEntity, RehearsalDiscardEntity]),
    TasksModule,
    DocumentsModule,
    CalendarsModule,
    EvidenceModule,
  ],
  controllers: [
    CyclesController,
    CycleDocumentsController,
    DecisionDraftController,
    CycleYearReportsController,
    AuditActionsController,
    MeasurementCorrectionsController,
    NonconformitiesController,
    NextYearController,
    TaskHandoversController,
    TaskUrgesController,
    TemplatesController,
    RosterController,
  ],
  providers: [
    CyclesService,
    CycleRecordsService,
    RehearsalDiscardService,
    CycleDatesService,
    CycleDocumentsService,
    CycleReportService,
    AuditActionsService,
    MeasurementCorrectionsService,
    NonconformitiesService,
    DirectoryRosterService,
    NextYearService,
    StartDraftsService,
    TaskHandoversService,
    TaskUrgesService,
    ClosedYearDocumentsService,
  ],
  exports: [ClosedYearDocumentsService],
})
export class CyclesModule {}
