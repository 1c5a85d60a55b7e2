import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { localized, type Localized } from '../task-types';

export interface CycleObjective {
  id: string;
  number: number;
  title: Localized;
  status?: string;
  indicators?: unknown[];
}

/**
 * The cycle's approved objectives, to name the objectives a form lists by id — only when the
 * session may read the cycle (a task-link session opens its task alone; ids are shown then).
 */
export function useCycleObjectives(cycleId: string, wanted: boolean) {
  const { user } = useSession();
  const [objectives, setObjectives] = useState<CycleObjective[]>([]);
  const may = wanted && !!user && user.authenticatedBy !== 'task-link';
  useEffect(() => {
    if (!may) return;
    let live = true;
    void api
      .GET('/api/v1/cycles/{cycleId}/objectives', { params: { path: { cycleId } } })
      .then(({ data }) => {
        const items = Array.isArray(data) ? data : ((data as { items?: unknown[] } | undefined)?.items ?? []);
        if (live) setObjectives(items as CycleObjective[]);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [cycleId, may]);
  return objectives;
}

/**
 * An indicator's name by its id, in the language: from `own` (a report's form lists its indicators)
 * or the cycle's objectives; the id itself when neither names it.
 */
export function indicatorName(
  id: string,
  language: string,
  objectives: readonly CycleObjective[],
  own: readonly { id: string; label?: Localized }[] = [],
): string {
  const indicator = [
    ...own,
    ...objectives.flatMap((o) => (o.indicators ?? []) as { id: string; label?: Localized }[]),
  ].find((i) => i.id === id);
  return indicator?.label ? localized(indicator.label, language) : id;
}
