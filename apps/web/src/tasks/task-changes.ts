/**
 * The signed-in person's open tasks changed on this page (a task completed, one reassigned): what
 * counts them (the top bar's "Việc của tôi") reloads, as it does when the address changes.
 */
const listeners = new Set<() => void>();

export function tasksChanged(): void {
  for (const listener of listeners) listener();
}

export function onTasksChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
