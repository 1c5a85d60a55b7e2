import { Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module';
import { DocumentsModule } from '../documents/documents.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { DossierController } from './dossier.controller';
import { DossierService } from './dossier.service';

/** The year's dossier as one ZIP (docs/dossier.md): the register's files, the evidence, the event log, an index. */
@Module({
  imports: [CyclesModule, DocumentsModule, EvidenceModule],
  controllers: [DossierController],
  providers: [DossierService],
})
export class DossierModule {}
