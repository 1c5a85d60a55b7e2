import { In, type EntityManager } from 'typeorm';
import { childWorkflowIds, parseQualityCycleId, qualityCycleWorkflowId } from '@qcycle/contracts';
import { AuditEntity, AuditStepEntity, CorrectiveActionEntity } from '@qcycle/persistence';
import type { PreviousFindingView } from './dto/previous-finding.view';
import { correctiveActionsCarriedForward } from './carried-corrective-actions';
import { inPlanOrder } from './cycle-documents.service';

const FINDINGS = ['observation', 'minor-nc', 'major-nc'];

/**
 * ISO 9001 9.2.2 a: what the organisation's internal audit of the year before found (in one unit, or
 * in all), with each nonconformity's corrective action as its record stands, and whether that
 * year's close carried it into this one. An auditor signing off
 * this year's step sees it on the step's page, from an e-mailed link too (that session reads its
 * task only); this year's audit report follows each one up. Read by the audit's id, in its plan's
 * order, as the audit's own page reads them.
 */
export async function previousAuditFindings(
  manager: EntityManager,
  cycleId: string,
  unitCode?: string,
): Promise<PreviousFindingView[]> {
  const key = parseQualityCycleId(cycleId);
  if (!key) return [];
  const year = key.year - 1;
  const auditId = childWorkflowIds.audit(qualityCycleWorkflowId(key.organisationCode, year));
  const audit = await manager.getRepository(AuditEntity).findOneBy({ id: auditId });
  if (!audit) return [];
  const steps = inPlanOrder(
    audit,
    await manager
      .getRepository(AuditStepEntity)
      .find({ where: { auditId, ...(unitCode ? { unitCode } : {}), result: In(FINDINGS) } }),
  );
  if (steps.length === 0) return [];
  const [actions, carried] = await Promise.all([
    manager
      .getRepository(CorrectiveActionEntity)
      .find({ where: { auditId, stepId: In(steps.map((step) => step.id)) } }),
    correctiveActionsCarriedForward(manager, key.organisationCode, year),
  ]);
  return steps.map((step) => {
    const action = actions.find((a) => a.stepId === step.id);
    return {
      year,
      stepId: step.id,
      unitCode: step.unitCode,
      process: step.process,
      clause: step.clause,
      result: step.result as string,
      finding: step.finding,
      correctiveAction: action
        ? { status: action.status, effective: action.effective, carriedForward: carried.includes(action.id) }
        : null,
    };
  });
}
