import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePeople } from '../../ui/people';
import type { DirectoryNames } from './directory-names';
import { HandOverAll, HandoverResult, type CycleRole, type HandoverOutcome } from './hand-over-all';

/**
 * The year's Quality Representative, leader or lead auditor whom the directory no longer gives the
 * role though they still work here (posted elsewhere in the province, the role granted to someone
 * else): the year still gives them what it opens for the role later, and its overdue notices. The Quality
 * Representative hands it over here, with the open tasks they hold, to the one the directory gives it
 * to now (POST /cycles/{cycleId}/handovers: `rolesTakenOver`); someone who left is handed over in the
 * panel of people who left. Shown only when there is one.
 */
export function RolesToHandOver({
  cycleId,
  roles,
  tasks,
  names,
  onHandedOver,
}: {
  cycleId: string;
  /** Who holds each of the year's roles now (`live.roles`). */
  roles: readonly { role: CycleRole; holderUserId: string }[];
  tasks: readonly { taskId: string; kind: string; assigneeUserId: string }[];
  names: DirectoryNames;
  onHandedOver: () => Promise<void>;
}) {
  const { t } = useTranslation('cycles');
  const people = usePeople();
  const [chosen, setChosen] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<HandoverOutcome | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  // By holder: one form hands over all their roles and tasks at once.
  const holders = new Map<string, CycleRole[]>();
  for (const { role, holderUserId } of roles) {
    const holder = people.find((person) => person.userId === holderUserId);
    if (!holder?.active || holder.roles.includes(role)) continue;
    holders.set(holderUserId, [...(holders.get(holderUserId) ?? []), role]);
  }
  const lines = [...holders].map(([userId, held]) => {
    const takers = people.filter(
      (person) =>
        person.active && person.userId !== userId && held.some((role) => person.roles.includes(role)),
    );
    return {
      userId,
      name: names.person(userId),
      roles: held,
      roleNames: held.map((role) => t(`directory:roles.${role}`)).join(', '),
      // The one the directory gives the role to now, when only one person holds it.
      taker: takers.length === 1 ? takers[0] : undefined,
      tasks: tasks.filter((task) => task.assigneeUserId === userId),
    };
  });

  if (lines.length === 0 && !outcome) return null;
  return (
    <section aria-labelledby="roles-to-hand-over-heading" className="unit-work">
      <h2 id="roles-to-hand-over-heading">{t('roleWork.title')}</h2>
      <p className="muted small">{t('roleWork.hint')}</p>
      {outcome && (
        <div ref={resultRef} tabIndex={-1} role="status" aria-label={t('inactive.resultLabel')}>
          <HandoverResult outcome={outcome} />
        </div>
      )}
      {lines.map((line) => (
        <div key={line.userId}>
          <p className="notice notice-warn">
            {t('roleWork.moved', { roles: line.roleNames, holder: line.name, count: line.tasks.length })}{' '}
            {chosen !== line.userId && (
              <button type="button" className="button" onClick={() => setChosen(line.userId)}>
                {line.taker ? t('roleWork.moveTo', { name: line.taker.fullName }) : t('roleWork.handOver')}
              </button>
            )}
          </p>
          {chosen === line.userId && (
            <HandOverAll
              cycleId={cycleId}
              holderId={line.userId}
              holderName={line.name}
              tasks={line.tasks}
              roles={line.roles}
              people={people}
              suggestedTo={line.taker?.userId ?? ''}
              unitName={names.unit}
              onHandedOver={async (answer) => {
                setOutcome(answer);
                setChosen(undefined);
                await onHandedOver();
                // The answer takes the focus: the form that sent it is gone.
                requestAnimationFrame(() => resultRef.current?.focus());
              }}
            />
          )}
        </div>
      ))}
    </section>
  );
}
