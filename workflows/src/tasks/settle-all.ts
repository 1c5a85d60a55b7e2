/**
 * `Promise.all` for branches that each may hold an open task: it fails only once every branch has
 * settled. When a workflow is cancelled, each open task records itself cancelled (an activity in a
 * non-cancellable scope) while the branches that were only sleeping reject at once; failing on
 * that first rejection would complete the workflow as cancelled before those records are written,
 * and Temporal refuses a command after the workflow's cancellation (the workflow task then fails
 * forever: "CancelWorkflowExecution must be the last command").
 */
export async function settleAll<T>(branches: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(branches);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/**
 * A promise kept to be awaited later ({@link settleAll}, `Promise.allSettled`, or `await` at the
 * close), its rejection marked handled now. Without this, a kept promise that rejects while the
 * workflow awaits something else — an open task that has recorded itself cancelled while the other
 * branches still record theirs, a child that failed while the cycle sleeps — is an unhandled
 * rejection: the SDK fails the workflow task, and a replay in the same order fails it again. Whoever
 * awaits the promise still gets the rejection.
 */
export function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
