/**
 * The web app's pages that mails and calendars link to, behind the usual sign-in: never a
 * single-use link, which a synced or shared calendar would outlive.
 */

/** `${publicUrl}/tasks/${taskId}`: a task's page. */
export function taskPageUrl(publicUrl: string, taskId: string): string {
  return `${withoutTrailingSlash(publicUrl)}/tasks/${encodeURIComponent(taskId)}`;
}

/** `${publicUrl}/cycles/${cycleId}`: a cycle's page (its dashboard). */
export function cyclePageUrl(publicUrl: string, cycleId: string): string {
  return `${withoutTrailingSlash(publicUrl)}/cycles/${encodeURIComponent(cycleId)}`;
}

/** `${publicUrl}/cycles/${cycleId}/documents`: the year's documents, where a signed paper's scan is added. */
export function cycleDocumentsPageUrl(publicUrl: string, cycleId: string): string {
  return `${cyclePageUrl(publicUrl, cycleId)}/documents`;
}

function withoutTrailingSlash(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}
