import { isCancellation, log } from '@temporalio/workflow';
import type { EvidenceErasedNoticeRequest } from '@qcycle/contracts';
import { notifications } from './activities';

/**
 * Tells the person who uploaded a file that the Quality Representative erased its content
 * (docs/notifications.md "The uploader, of a file erased"), started by the API under
 * `evidence-erased/{evidenceId}` once the erasure is committed. Best effort, as every notice: a few
 * attempts, then given up (logged); a notice written and not sent is sent by the sweep, and the
 * erasure is in the year's records either way.
 */
export async function evidenceErasedNotice(
  input: EvidenceErasedNoticeRequest,
): Promise<{ told: number } | 'undelivered'> {
  try {
    return await notifications.tellUploaderOfErasure(input);
  } catch (error) {
    if (isCancellation(error)) throw error;
    log.warn('the uploader of an erased file was not told', {
      evidenceId: input.evidenceId,
      error: String(error),
    });
    return 'undelivered';
  }
}
