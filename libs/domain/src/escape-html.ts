/**
 * Text made safe to put in HTML, between tags or in a quoted attribute: every document qcycle
 * renders (notification e-mails, the year's report) passes people's words through it.
 */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}
