import { condition, allHandlersFinished, patched, workflowInfo } from '@temporalio/workflow';
import type { ObjectiveOwner } from '@qcycle/contracts';
import {
  cycleClock,
  unitAcceptanceDeemedAt,
  validateAssignmentOutcome,
  validateUnitAcceptanceOutcome,
  type Objective,
} from '@qcycle/domain';
import {
  START_OF_YEAR_DEADLINES,
  withChildTaskBoard,
  startOfYearDeadline,
  followWorkMoves,
  qualityRepresentativeOf,
  unitCodesOf,
  unitOf,
  unitWorkHolder,
  type CycleContext,
} from './cycle-context';
import { records } from './activities';
import { settleAll } from './tasks/settle-all';
import type { TaskBoard } from './tasks/human-task';

/**
 * Patch id (docs/versioning.md): a unit's acceptance not given 10 working days after its due day
 * (libs/domain `unitAcceptanceDeemedAt`) expires and the unit is deemed to accept, its head
 * reporting. Acceptances opened on older code wait for an answer as before.
 */
export const UNIT_ACCEPTANCE_DEEMED = 'unit-acceptance-deemed';

export interface ObjectivesAssignmentInput {
  context: CycleContext;
  /** The approved objectives people measure (the engine measures the others itself). */
  objectives: Objective[];
}

/**
 * Articles 2 and 4: the Chief of Office (the Quality Representative) accepts the objectives and
 * gives each to a unit; each unit head accepts and may pass an objective to one of the unit's staff.
 * Every delegation is recorded; the result says who reports each objective.
 * Both steps are due per the calendar (`startOfYear`) and monitoring starts only once every unit
 * has accepted, so an overdue one is escalated: the Quality Representative's acceptance to the
 * leader, a unit head's to the Quality Representative, who gave the unit its objectives and
 * organises the year (Article 2) and may accept for it. A unit's acceptance still not given 10
 * working days after its due day expires and the unit is deemed to accept (UNIT_ACCEPTANCE_DEEMED).
 */
export async function objectivesAssignment(input: ObjectivesAssignmentInput): Promise<ObjectiveOwner[]> {
  return withChildTaskBoard(input.context, (board) => assignObjectives(input, board));
}

async function assignObjectives(
  { context, objectives }: ObjectivesAssignmentInput,
  board: TaskBoard,
): Promise<ObjectiveOwner[]> {
  const { workflowId } = workflowInfo();
  // A unit's work taken over meanwhile: its acceptance, and its objectives' reports, go to its holder.
  followWorkMoves(context, { board });
  const objectiveIds = objectives.map((objective) => objective.id);
  const qualityRepresentative = qualityRepresentativeOf(context);
  const accepted = await board.run({
    taskId: `${workflowId}/accept`,
    kind: 'assignment-acceptance',
    title: {
      vi: `Tiếp nhận và phân công mục tiêu chất lượng năm ${context.year}`,
      en: `Accept and delegate the ${context.year} objectives`,
    },
    assignee: qualityRepresentative,
    ...(patched(START_OF_YEAR_DEADLINES)
      ? startOfYearDeadline(context, 'assignment-acceptance', qualityRepresentative)
      : {}),
    form: {
      objectives: objectives.map((o) => ({
        id: o.id,
        number: o.number,
        title: o.title,
        proposedUnitCode: o.ownerUnitCode,
      })),
    },
    validate: (outcome) =>
      validateAssignmentOutcome(outcome, { objectiveIds, unitCodes: unitCodesOf(context) }),
  });
  if (accepted.status !== 'completed') throw new Error('assignment task cannot expire');
  const at = new Date(accepted.completedAt).toISOString();
  const delegations = accepted.outcome.delegations;
  await records.recordAssignments({
    step: 'delegated-to-units',
    cycleId: context.cycleId,
    assignmentId: workflowId,
    taskId: `${workflowId}/accept`,
    delegations: delegations.map((d) => ({
      objectiveId: d.objectiveId,
      unitCode: d.unitCode,
      unitHeadUserId: unitWorkHolder(context, d.unitCode).userId,
    })),
    delegatedBy: accepted.completedBy,
    delegatedAt: at,
  });

  const unitCodes = [...new Set(delegations.map((d) => d.unitCode))].sort();
  const perUnit = await settleAll(
    unitCodes.map(async (unitCode): Promise<ObjectiveOwner[]> => {
      const unit = unitOf(context, unitCode);
      const head = unitWorkHolder(context, unitCode);
      const unitObjectiveIds = delegations.filter((d) => d.unitCode === unitCode).map((d) => d.objectiveId);
      const taskId = `${workflowId}/unit/${unitCode}`;
      const deadline = patched(START_OF_YEAR_DEADLINES)
        ? startOfYearDeadline(context, 'unit-acceptance', head)
        : undefined;
      const clock = cycleClock(context.shiftMs);
      const deemedAt =
        deadline && patched(UNIT_ACCEPTANCE_DEEMED)
          ? clock.toWorkflowMs(
              unitAcceptanceDeemedAt(clock.toCalendarInstant(deadline.dueAt), context.calendar),
            )
          : undefined;
      const acceptance = await board.run({
        taskId,
        kind: 'unit-acceptance',
        title: {
          vi: `Tiếp nhận mục tiêu chất lượng được giao cho ${unit.name.vi}`,
          en: `Accept the objectives given to ${unit.name.en}`,
        },
        assignee: head,
        unitCode,
        ...deadline,
        ...(deemedAt === undefined ? {} : { expiresAt: deemedAt }),
        form: {
          objectiveIds: unitObjectiveIds,
          staff: unit.staff.map((s) => ({ userId: s.userId, name: s.name })),
          // What the task's page says happens if nobody answers (workflow time, like the due date).
          ...(deemedAt === undefined ? {} : { deemedAcceptedAt: new Date(deemedAt).toISOString() }),
        },
        validate: (outcome) =>
          validateUnitAcceptanceOutcome(outcome, {
            objectiveIds: unitObjectiveIds,
            staffUserIds: unit.staff.map((s) => s.userId),
          }),
      });
      const deemed = acceptance.status === 'expired' && deemedAt !== undefined;
      if (acceptance.status !== 'completed' && !deemed) throw new Error('unit acceptance cannot expire');
      // Expired: nobody answered, so the unit is deemed to accept and its head reports each objective
      // — whoever holds the unit's work now, should it have been taken over while the task was open.
      const reporter = unitWorkHolder(context, unitCode);
      const answered = acceptance.status === 'completed' ? acceptance : undefined;
      const staff = answered?.outcome.staffDelegations ?? [];
      await records.recordAssignments({
        step: 'accepted-by-unit',
        cycleId: context.cycleId,
        assignmentId: workflowId,
        taskId,
        unitCode,
        staffDelegations: staff,
        acceptedBy: answered?.completedBy ?? 'system',
        acceptedAt: new Date(answered?.completedAt ?? Date.now()).toISOString(),
        ...(answered ? {} : { deemed: true as const }),
      });
      return unitObjectiveIds.map((objectiveId) => ({
        objectiveId,
        unitCode,
        userId: staff.find((s) => s.objectiveId === objectiveId)?.userId ?? reporter.userId,
      }));
    }),
  );
  await condition(allHandlersFinished);
  return perUnit.flat();
}
