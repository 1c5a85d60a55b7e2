import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitOfWork } from '../../tasks/task-types';
import { Field } from '../../ui/field';
import { usePeople } from '../../ui/people';
import { useOrganisationUnits } from '../../ui/units';
import type { DirectoryNames } from './directory-names';
import { HandOverAll, HandoverResult, type HandoverOutcome } from './hand-over-all';
import { byHolder, byUnit } from './open-tasks-by-unit';

interface HeldTask {
  taskId: string;
  kind: string;
  unitCode?: string | null;
  assigneeUserId: string;
  dueAt?: string;
}

/**
 * The Quality Representative, or a unit's head, moves one unit's open work from the person holding it
 * to another, all at once (POST /cycles/{cycleId}/handovers with `unitCode`): a year keeps the roster
 * it started with, so when the administrator has another of a unit's heads take its work, or a head
 * hands a division to a deputy for months, what is open of it is handed over here — the holder keeps
 * their other units' tasks. `tasks` are those the viewer may hand over; those held by people who left
 * are handed over above (TasksOfInactivePeople). Shown only when there are some.
 */
export function HandOverUnitWork({
  cycleId,
  tasks,
  unitWork,
  names,
  standingIn,
  onHandedOver,
}: {
  cycleId: string;
  tasks: readonly HeldTask[];
  /** Who the year gives each unit's work to now (the cycle's answer), of the units the viewer may hand over. */
  unitWork: readonly { unitCode: string; holderUserId: string }[];
  names: DirectoryNames;
  /** The Quality Representative viewing, who stood in for the units without a head. */
  standingIn?: string;
  onHandedOver: () => Promise<void>;
}) {
  const { t } = useTranslation('cycles');
  const people = usePeople();
  const organisationUnits = useOrganisationUnits();
  const [unitCode, setUnitCode] = useState('');
  const [holderId, setHolderId] = useState('');
  /** Whom a line of `moved` proposes as the successor. */
  const [suggested, setSuggested] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<HandoverOutcome | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const held = tasks.filter((task) => unitOfWork(task) !== null && !names.isInactive(task.assigneeUserId));
  const units = byUnit(held, unitOfWork, names.unit);
  const ofUnit = units.find((group) => group.unit === unitCode)?.tasks ?? [];
  const holders = byHolder(ofUnit, names.person);
  // Whom a line below proposes to hand over from may hold nothing open of the unit: only its later work.
  const holder =
    holders.find((h) => h.userId === holderId) ??
    (holderId !== '' ? { userId: holderId, name: names.person(holderId), tasks: [] } : undefined) ??
    (holders.length === 1 ? holders[0] : undefined);

  /** The unit's head who takes its work by the directory now (the Units page), when active. */
  const takerOf = (unitCode: string) => {
    const heads = organisationUnits.find((unit) => unit.code === unitCode)?.heads ?? [];
    const taker = heads.find((head) => head.takesWork);
    return taker && !names.isInactive(taker.userId) ? { taker, heads } : undefined;
  };
  // Where the directory now gives a unit's work to someone else than who holds what is open of it:
  // another of its heads chosen on the Units page, or a head for a unit the viewer stood in for.
  const movedOpen = units.flatMap((group) => {
    const found = takerOf(group.unit);
    if (!found) return [];
    const { taker, heads } = found;
    const stillHeld = group.tasks.filter(
      (task) =>
        task.assigneeUserId !== taker.userId &&
        (heads.some((head) => head.userId === task.assigneeUserId) || task.assigneeUserId === standingIn),
    );
    return byHolder(stillHeld, names.person).map((from) => ({ unit: group.unit, taker, from }));
  });
  // And where the year still gives the unit's later work to someone else than the directory's head,
  // with nothing of it open: what the year opens for the unit next would go to them.
  const movedLater = unitWork.flatMap(({ unitCode: unit, holderUserId }) => {
    const found = takerOf(unit);
    if (!found || found.taker.userId === holderUserId) return [];
    // Someone who left and still holds tasks is handed over in the panel above, their units with them.
    const left = names.isInactive(holderUserId);
    if (left && tasks.some((task) => task.assigneeUserId === holderUserId)) return [];
    if (movedOpen.some((line) => line.unit === unit && line.from.userId === holderUserId)) return [];
    return [
      {
        unit,
        taker: found.taker,
        from: { userId: holderUserId, name: names.person(holderUserId), tasks: [] },
      },
    ];
  });
  const moved = [...movedOpen, ...movedLater];

  const choose = (unit: string, holderUserId: string, successor?: string) => {
    setUnitCode(unit);
    setHolderId(holderUserId);
    setSuggested(successor);
  };

  if (units.length === 0 && moved.length === 0 && !outcome) return null;
  return (
    <section aria-labelledby="unit-work-heading" className="unit-work">
      <h2 id="unit-work-heading">{t('unitWork.title')}</h2>
      <p className="muted small">{t('unitWork.hint')}</p>
      {outcome && (
        <div ref={resultRef} tabIndex={-1} role="status" aria-label={t('inactive.resultLabel')}>
          <HandoverResult outcome={outcome} />
        </div>
      )}
      {moved.length > 0 && (
        <ul className="notice notice-warn unit-work-moved">
          {moved.map(({ unit, taker, from }) => (
            <li key={`${unit}/${from.userId}`}>
              {t(from.tasks.length > 0 ? 'unitWork.moved' : 'unitWork.movedLater', {
                unit: names.unit(unit),
                taker: taker.fullName,
                holder: from.name,
                count: from.tasks.length,
              })}{' '}
              <button
                type="button"
                className="button"
                onClick={() => choose(unit, from.userId, taker.userId)}
              >
                {t('unitWork.moveTo', { name: taker.fullName })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="form-grid">
        <Field label={t('unitWork.unit')}>
          {({ id }) => (
            <select id={id} value={unitCode} onChange={(event) => choose(event.target.value, '')}>
              <option value="">{t('unitWork.chooseUnit')}</option>
              {units.map((group) => (
                <option key={group.unit} value={group.unit}>
                  {names.unit(group.unit)} ({t('inactive.count', { count: group.tasks.length })})
                </option>
              ))}
            </select>
          )}
        </Field>
        {unitCode !== '' && holders.length > 0 && (
          <Field label={t('unitWork.holder')}>
            {({ id }) => (
              <select
                id={id}
                value={holder?.userId ?? ''}
                onChange={(event) => choose(unitCode, event.target.value)}
              >
                {holders.length > 1 && <option value="">{t('unitWork.chooseHolder')}</option>}
                {holders.map((h) => (
                  <option key={h.userId} value={h.userId}>
                    {h.name} ({t('inactive.count', { count: h.tasks.length })})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      {holder && (
        <HandOverAll
          // A new form for each holder, unit and proposal: nothing typed for one is sent for another.
          key={`${unitCode}/${holder.userId}/${suggested ?? ''}`}
          cycleId={cycleId}
          holderId={holder.userId}
          holderName={holder.name}
          unit={{ code: unitCode, name: names.unit(unitCode) }}
          tasks={holder.tasks}
          people={people}
          suggestedTo={suggested}
          unitName={names.unit}
          onHandedOver={async (answer) => {
            setOutcome(answer);
            choose('', '');
            await onHandedOver();
            // The answer takes the focus: the form that sent it is gone.
            requestAnimationFrame(() => resultRef.current?.focus());
          }}
        />
      )}
    </section>
  );
}
