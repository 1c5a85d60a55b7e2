import { In, type DataSource } from 'typeorm';
import { evidenceIdOf, QcycleError, type QcycleErrorCode } from '@qcycle/contracts';
import type { ValidationProblem } from '@qcycle/domain';
import { EvidenceFileEntity } from '@qcycle/persistence';
import type { EvidenceRecord } from './evidence-record';

/**
 * An answer that names an uploaded file (`evidence:<id>` in its evidence list: a report, an audit
 * step, a correction) names one on its own record, uploaded before (docs/evidence.md): a reference to
 * no file, or to another record's, would leave a record pointing at nothing or at evidence of
 * something else, and one whose content was erased to a record resting on nothing. Refused with
 * `code` (422), each such item named (`evidence[1]`), before anything is sent to the workflow. Texts
 * naming paper records are not references and pass.
 */
export async function checkEvidenceReferences(
  dataSource: DataSource,
  cycleId: string,
  record: EvidenceRecord | undefined,
  evidence: unknown,
  code: QcycleErrorCode.RuleViolated | QcycleErrorCode.OutcomeRefused,
): Promise<void> {
  if (!Array.isArray(evidence)) return;
  const named = evidence.flatMap((item, index) => {
    const id = typeof item === 'string' ? evidenceIdOf(item) : undefined;
    return id === undefined ? [] : [{ index, id }];
  });
  if (named.length === 0) return;
  const onRecord = record
    ? await dataSource.getRepository(EvidenceFileEntity).find({
        select: { id: true, erasedAt: true },
        where: { id: In(named.map((n) => n.id)), cycleId, ...record },
      })
    : [];
  const problems: ValidationProblem[] = named.flatMap((n): ValidationProblem[] => {
    const file = onRecord.find((row) => row.id === n.id);
    if (!file)
      return [
        {
          path: `evidence[${n.index}]`,
          code: 'unknown-reference',
          reason: 'Không có tệp minh chứng này trong hồ sơ: hãy tải tệp lên hồ sơ này trước khi ghi vào.',
          reasonEn: 'No such evidence file on this record: upload the file to this record before naming it.',
        },
      ];
    // A file whose content was erased is named by the records it was already part of, not by new ones.
    if (file.erasedAt)
      return [
        {
          path: `evidence[${n.index}]`,
          code: 'invalid-value',
          reason: 'Nội dung tệp minh chứng này đã bị xóa: không dùng làm minh chứng được nữa.',
          reasonEn: 'The content of this evidence file was erased: it can no longer be named as evidence.',
        },
      ];
    return [];
  });
  if (problems.length > 0)
    throw new QcycleError(code, 'default', { fields: problems.map((p) => p.path) }, { problems });
}
