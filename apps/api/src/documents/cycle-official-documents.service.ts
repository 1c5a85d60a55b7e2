import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { parseQualityCycleId, QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { describeTarget, type Objective } from '@qcycle/domain';
import { DecisionEntity, DocumentVersionEntity } from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import {
  decisionDocument,
  objectivesPlanDocument,
  type DecisionRecord,
  type DecisionWording,
} from './decision-document';
import { DecisionWordingSource } from './decision-wording.source';
import type { DocumentFile, DocumentFormat } from './document-negotiation';
import { DocumentRegisterService, registeredFile, type DocumentType } from './document-register.service';
import type { PlanView } from './dto/documents.view';
import type { OfficialDocument } from './official-document';

/**
 * The cycle's official documents, generated from its records and registered: the decision
 * approving the objectives and the objectives' implementation plan. Readable by everyone in the
 * organisation, like the records (another organisation's cycle is "not found"); 404 before approval.
 */
@Injectable()
export class CycleOfficialDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly wordingSource: DecisionWordingSource,
    private readonly register: DocumentRegisterService,
  ) {}

  async decisionFile(caller: Principal, cycleId: string, format: DocumentFormat): Promise<DocumentFile> {
    return this.file(caller, cycleId, 'objectives-decision', format, decisionDocument);
  }

  async planFile(caller: Principal, cycleId: string, format: DocumentFormat): Promise<DocumentFile> {
    return this.file(caller, cycleId, 'objectives-plan', format, objectivesPlanDocument);
  }

  async plan(caller: Principal, cycleId: string): Promise<PlanView> {
    const { row } = await this.decision(caller, cycleId);
    const objectives = [...(row.objectives as Objective[])].sort((a, b) => a.number - b.number);
    return {
      cycleId,
      documentNumber: row.documentNumber,
      signingDate: row.signingDate,
      objectives: objectives.map((o) => ({
        id: o.id,
        number: o.number,
        title: o.title,
        ownerUnitCode: o.ownerUnitCode,
        frequency: o.frequency,
        indicators: o.indicators.map((i) => ({
          id: i.id,
          label: i.label,
          target: describeTarget(i) ?? null,
        })),
        plan: o.plan,
      })),
    };
  }

  private async file(
    caller: Principal,
    cycleId: string,
    type: DocumentType,
    format: DocumentFormat,
    build: (record: DecisionRecord, wording: DecisionWording) => OfficialDocument,
  ): Promise<DocumentFile> {
    const { row, key } = await this.decision(caller, cycleId);
    let wording: DecisionWording;
    try {
      wording = await this.wordingSource.wording(key.organisationCode, key.year);
    } catch (error) {
      // Temporal no longer keeps the draft (retention): what was issued stays in the register.
      const issued = await this.latestIssued(cycleId, type);
      if (issued && error instanceof QcycleError) return registeredFile(issued, format);
      throw error;
    }
    const record: DecisionRecord = {
      documentNumber: row.documentNumber,
      signerName: row.signerName,
      signerTitle: row.signerTitle,
      signingDate: row.signingDate,
      effectiveDate: row.effectiveDate,
      objectives: row.objectives as Objective[],
    };
    const version = await this.register.issue(
      {
        organisationCode: key.organisationCode,
        cycleId,
        year: key.year,
        type,
        number: row.documentNumber,
        sourceRecord: `decisions/${row.id}`,
        approvedBy: row.signedBy,
        approvedByName: row.signerName,
        model: build(record, wording),
      },
      caller.userId,
    );
    return registeredFile(version, format);
  }

  private async decision(
    caller: Principal,
    cycleId: string,
  ): Promise<{ row: DecisionEntity; key: { organisationCode: string; year: number } }> {
    const key = parseQualityCycleId(cycleId);
    if (key?.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.CycleNotFound, `No cycle ${cycleId}`);
    const row = await this.dataSource.getRepository(DecisionEntity).findOneBy({ cycleId });
    if (!row)
      throw new QcycleError(
        QcycleErrorCode.NotFound,
        `No decision yet for ${cycleId}: the objectives are not approved`,
      );
    return { row, key };
  }

  private latestIssued(cycleId: string, type: DocumentType): Promise<DocumentVersionEntity | null> {
    return this.dataSource
      .getRepository(DocumentVersionEntity)
      .findOne({ where: { cycleId, type }, order: { version: 'DESC' } });
  }
}
