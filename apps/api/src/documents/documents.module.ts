import { Module } from '@nestjs/common';
import { CycleOfficialDocumentsService } from './cycle-official-documents.service';
import { DecisionWordingSource } from './decision-wording.source';
import { DocumentDispatchController } from './document-dispatch.controller';
import { DocumentDispatchService } from './document-dispatch.service';
import { DocumentRegisterService } from './document-register.service';
import { CyclePlanController, DocumentsController } from './documents.controller';
import { NonconformityReportsController } from './nonconformity-reports.controller';
import { NonconformityReportsService } from './nonconformity-reports.service';
import { OutgoingRegisterController } from './outgoing-register.controller';
import { OutgoingRegisterService } from './outgoing-register.service';
import { PdfPrinter } from './pdf-printer';
import { YearDocumentsService } from './year-documents.service';

/**
 * Official documents generated from the cycle's records (PDF and DOCX from one Decree 30 model) and
 * their register (ISO 7.5.3). The cycles module serves the decision through it.
 */
@Module({
  controllers: [
    CyclePlanController,
    DocumentsController,
    DocumentDispatchController,
    NonconformityReportsController,
    OutgoingRegisterController,
  ],
  providers: [
    PdfPrinter,
    DecisionWordingSource,
    DocumentRegisterService,
    DocumentDispatchService,
    CycleOfficialDocumentsService,
    YearDocumentsService,
    NonconformityReportsService,
    OutgoingRegisterService,
  ],
  exports: [CycleOfficialDocumentsService, YearDocumentsService, NonconformityReportsService],
})
export class DocumentsModule {}
