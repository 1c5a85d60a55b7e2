import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { DocumentVersionEntity, OrganisationEntity, QualityCycleEntity } from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import { CycleOfficialDocumentsService } from './cycle-official-documents.service';
import { dispatchSymbol } from './dispatch-number';
import {
  outgoingRegisterEntries,
  type OutgoingRegisterEntry,
  type OutgoingRegisterHeading,
} from './outgoing-register';

/** The year's extract of the book of outgoing documents: its heading and its entries. */
export interface OutgoingRegister extends OutgoingRegisterHeading {
  cycleId: string;
  entries: OutgoingRegisterEntry[];
}

/** Reads the register of a cycle of the caller's organisation as the book of outgoing documents lists it. */
@Injectable()
export class OutgoingRegisterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly official: CycleOfficialDocumentsService,
  ) {}

  /** 404 for another organisation's cycle or none; an approved year's decision is registered first. */
  async book(caller: Principal, cycleId: string): Promise<OutgoingRegister> {
    const key = this.official.own(caller, cycleId);
    const [cycle, organisation] = await Promise.all([
      this.dataSource.getRepository(QualityCycleEntity).findOneBy({ id: cycleId }),
      this.dataSource.getRepository(OrganisationEntity).findOneBy({ code: key.organisationCode }),
    ]);
    if (!cycle || cycle.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    await this.official.registerApprovedDecisions(caller, { cycleId });
    const versions = await this.dataSource.getRepository(DocumentVersionEntity).find({
      where: { cycleId, organisationCode: caller.organisationCode },
      select: ['id', 'type', 'version', 'number', 'issuedOn', 'dispatchNumber', 'dispatchedOn', 'content'],
      order: { issuedOn: 'ASC', type: 'ASC', version: 'ASC' },
    });
    const entries = outgoingRegisterEntries(versions, (version) => {
      const taken = dispatchSymbol(version);
      return 'symbol' in taken ? taken.symbol : null;
    });
    const days = entries.flatMap((entry) => [
      entry.date,
      ...(entry.dispatchedOn ? [entry.dispatchedOn] : []),
    ]);
    return {
      cycleId,
      organisation: organisation?.nameVi ?? key.organisationCode,
      year: key.year,
      asOf: days.sort().at(-1) ?? `${key.year}-01-01`,
      entries,
    };
  }
}
