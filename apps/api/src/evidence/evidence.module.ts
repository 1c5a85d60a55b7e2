import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { pendingMigrations } from '@qcycle/persistence';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { EVIDENCE_STORE, type EvidenceStore } from './evidence-store';
import { LocalFolderEvidenceStore } from './local-folder-evidence.store';
import { removeErasedContentsLeft } from './unheld-contents';

/** A `.partial` file older than this was left by a process that died mid-upload. */
const ABANDONED_UPLOAD_MS = 24 * 60 * 60 * 1000;

/** Evidence files of the cycle's records (docs/evidence.md), in the local folder store by default. */
@Module({
  controllers: [EvidenceController],
  providers: [
    EvidenceService,
    {
      provide: EVIDENCE_STORE,
      inject: [QCYCLE_CONFIG],
      useFactory: (config: QcycleConfig): EvidenceStore => new LocalFolderEvidenceStore(config.evidence.dir),
    },
  ],
  // The year's dossier reads the files too (DossierModule).
  exports: [EVIDENCE_STORE],
})
export class EvidenceModule implements OnModuleInit {
  private readonly logger = new Logger(EvidenceModule.name);

  constructor(
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.store instanceof LocalFolderEvidenceStore) {
      const removed = await this.store.sweepPartials(ABANDONED_UPLOAD_MS);
      if (removed > 0)
        this.logger.log(`removed ${removed} abandoned partial upload(s) from ${this.store.dir}`);
      const restored = await this.store.restoreSetAside();
      if (restored > 0)
        this.logger.log(`put back ${restored} file(s) a removal left set aside in ${this.store.dir}`);
    }
    // After the put-back: an erased file's content it restored goes again. Not on a database still
    // behind its migrations: a command that opens the module before migrating it (create-organisation)
    // would read columns not there yet; the API migrates before its modules start.
    if ((await pendingMigrations(this.dataSource)).length > 0) return;
    const erased = await removeErasedContentsLeft(this.dataSource, this.store, this.logger);
    if (erased > 0) this.logger.log(`removed ${erased} erased file content(s) the store still held`);
  }
}
