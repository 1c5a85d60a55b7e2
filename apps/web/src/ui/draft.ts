import { useCallback, useState, type Dispatch, type SetStateAction } from 'react';

/**
 * What a person has typed into a task's form, kept in this tab's sessionStorage until the answer is
 * recorded: a reload, the browser's back and forward, or a crash of the tab's page give it back
 * instead of an empty form. Per task and field; only this tab sees it, and signing out or the task
 * closing forgets it ({@link forgetDrafts}).
 */
const PREFIX = 'qcycle.draft.';
const keyOf = (taskId: string, field: string) => `${PREFIX}${taskId}#${field}`;

function read<T>(key: string): T | undefined {
  try {
    const saved = sessionStorage.getItem(key);
    return saved === null ? undefined : (JSON.parse(saved) as T);
  } catch {
    return undefined;
  }
}

/** `useState` for a field of a task's form, its value kept as a draft while it is typed. */
export function useDraft<T>(
  taskId: string,
  field: string,
  initial: T | (() => T),
): [T, Dispatch<SetStateAction<T>>] {
  const key = keyOf(taskId, field);
  const [value, setValue] = useState<T>(() => {
    const saved = read<T>(key);
    if (saved !== undefined) return saved;
    return typeof initial === 'function' ? (initial as () => T)() : initial;
  });
  const set = useCallback<Dispatch<SetStateAction<T>>>(
    (next) =>
      setValue((previous) => {
        const updated = typeof next === 'function' ? (next as (previous: T) => T)(previous) : next;
        try {
          sessionStorage.setItem(key, JSON.stringify(updated));
        } catch {
          /* storage full or refused: the form still works, only without a draft */
        }
        return updated;
      }),
    [key],
  );
  return [value, set];
}

const OWNER = 'qcycle.draft-owner';

/**
 * The drafts in this tab are this person's from now on: another person's are forgotten first (a
 * shared office PC, a link opened for someone else), the same person's are kept (signing in again
 * after the session ran out, through SSO too).
 */
export function draftsFor(userId: string): void {
  if (sessionStorage.getItem(OWNER) !== userId) forgetDrafts();
  sessionStorage.setItem(OWNER, userId);
}

/** Forgets the drafts of one task (its answer was recorded, or it is closed), or of every task. */
export function forgetDrafts(taskId?: string): void {
  const prefix = taskId === undefined ? PREFIX : `${PREFIX}${taskId}#`;
  for (let i = sessionStorage.length - 1; i >= 0; i--) {
    const key = sessionStorage.key(i);
    if (key?.startsWith(prefix)) sessionStorage.removeItem(key);
  }
}
