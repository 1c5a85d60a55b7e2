import type { DataSource } from 'typeorm';
import { parseQualityCycleId, QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { QualityCycleEntity } from '@qcycle/persistence';
import type { Principal } from '../auth/principal';

/**
 * The caller's organisation's cycle, as recorded. Any other id (another organisation's, unknown,
 * malformed) is 404 `CYCLE_NOT_FOUND`: never a sign that another organisation's cycle exists.
 */
export async function recordedCycleOf(
  dataSource: DataSource,
  caller: Principal,
  cycleId: string,
): Promise<QualityCycleEntity> {
  const cycle =
    parseQualityCycleId(cycleId)?.organisationCode === caller.organisationCode
      ? await dataSource
          .getRepository(QualityCycleEntity)
          .findOneBy({ id: cycleId, organisationCode: caller.organisationCode })
      : null;
  if (!cycle) throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
  return cycle;
}
