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
