import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { QcycleError, QcycleErrorCode, type QualityEventPayloads } from '@qcycle/contracts';
import { instantToVnLocal } from '@qcycle/domain';
import { DocumentVersionEntity, EventLogEntryEntity } from '@qcycle/persistence';
import type { Attribution } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { dispatchProblems, dispatchSymbol } from './dispatch-number';
import { DocumentRegisterService, registerEntry, type RegisterEntry } from './document-register.service';
import type { RecordDispatchDto } from './dto/document-dispatch.dto';

/**
 * Numbering on sending (docs/documents.md): the Quality Representative records the number and date
 * the clerical office gave a registered version when it sent the signed paper, so that the register
 * matches the office's book of outgoing documents. The row gains them; its files stay as issued
 * (the number is written on the paper by hand); the cycle's event log says who recorded what, and
 * on a correction what it replaced and why.
 */
@Injectable()
export class DocumentDispatchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly register: DocumentRegisterService,
  ) {}

  /**
   * Records `body` on the caller's organisation's version `documentId`. The same values again, or
   * the same request sent again (its x-request-id), change nothing and answer the entry as it is.
   */
  async record(
    caller: Principal,
    documentId: string,
    body: RecordDispatchDto,
    by: Attribution,
  ): Promise<RegisterEntry> {
    const row = await this.register.get(caller.organisationCode, documentId);
    const taken = dispatchSymbol(row);
    if ('refused' in taken)
      throw taken.refused === 'numbered'
        ? new QcycleError(
            QcycleErrorCode.Conflict,
            'documentNumberedWhenIssued',
            { id: row.id, number: row.number },
            { reason: 'numbered-when-issued', number: row.number },
          )
        : new QcycleError(
            QcycleErrorCode.Conflict,
            'documentTakesNoNumber',
            { id: row.id },
            { reason: 'takes-no-number' },
          );

    const eventId = `${row.id}/dispatched/${by.requestId}`;
    const events = this.dataSource.getRepository(EventLogEntryEntity);
    // Sent again after its answer was lost: answered as it is now, even if corrected since.
    if (await events.existsBy({ id: eventId })) return registerEntry(row);

    const number = body.number.normalize('NFC');
    const { dispatchedOn } = body;
    if (row.dispatchNumber === number && row.dispatchedOn === dispatchedOn) return registerEntry(row);

    const today = instantToVnLocal(new Date().toISOString()).date;
    const problems = dispatchProblems({ number, dispatchedOn }, taken.symbol, row.issuedOn, today);
    const correction = row.dispatchNumber !== null;
    if (correction && !body.reason)
      problems.reason = ['reason is required to correct a number or date already recorded'];
    if (Object.keys(problems).length > 0)
      throw new QcycleError(
        QcycleErrorCode.RuleViolated,
        'default',
        { fields: Object.keys(problems) },
        { fields: problems },
      );

    const recordedAt = new Date().toISOString();
    const payload: QualityEventPayloads['document.dispatched'] = {
      documentId: row.id,
      type: row.type,
      version: row.version,
      number,
      dispatchedOn,
      ...(correction
        ? {
            previous: {
              number: row.dispatchNumber!,
              dispatchedOn: row.dispatchedOn!,
              recordedBy: row.dispatchedBy,
              recordedAt: row.dispatchRecordedAt,
            },
          }
        : {}),
      ...(body.reason ? { reason: body.reason } : {}),
    };
    const recorded = await this.dataSource.transaction(async (manager) => {
      // Only over what was read: a record made meanwhile by someone else is never overwritten unseen.
      const updated = await manager.update(
        DocumentVersionEntity,
        {
          id: row.id,
          dispatchNumber: row.dispatchNumber ?? IsNull(),
          dispatchedOn: row.dispatchedOn ?? IsNull(),
        },
        { dispatchNumber: number, dispatchedOn, dispatchedBy: caller.userId, dispatchRecordedAt: recordedAt },
      );
      if (updated.affected !== 1) return false;
      await manager.insert(EventLogEntryEntity, {
        id: eventId,
        cycleId: row.cycleId,
        type: 'document.dispatched',
        actor: caller.userId,
        occurredAt: recordedAt,
        requestId: by.requestId,
        payload,
      });
      return true;
    });
    if (!recorded) {
      // Another request recorded first: the same values are this request's answer; others, a conflict.
      const now = await this.register.get(caller.organisationCode, documentId);
      if (now.dispatchNumber === number && now.dispatchedOn === dispatchedOn) return registerEntry(now);
      throw new QcycleError(QcycleErrorCode.Conflict, 'documentDispatchChangedMeanwhile', { id: row.id });
    }
    return registerEntry({
      ...row,
      dispatchNumber: number,
      dispatchedOn,
      dispatchedBy: caller.userId,
      dispatchRecordedAt: recordedAt,
    });
  }
}
