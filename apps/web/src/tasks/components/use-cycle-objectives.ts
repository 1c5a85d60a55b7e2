import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import type { Localized } from '../task-types';

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
