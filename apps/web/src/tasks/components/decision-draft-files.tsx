import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { useSession } from '../../auth/session';
import { downloadDocument, type FileFormat } from '../../ui/download';

/**
 * The decision as it would be issued from the draft of this round (GET /cycles/{id}/decision before
 * the approval: number and day of signing blank, "DỰ THẢO" on every page), for the leader who signs
 * it and the Quality Representative who submits it with the "tờ trình". A task-link session opens
 * its task alone, so it is offered to a signed-in session only.
 */
export function DecisionDraftFiles({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation('tasks');
  const { user } = useSession();
  const [fetching, setFetching] = useState<FileFormat | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  if (!user || user.authenticatedBy === 'task-link') return null;

  const fetchDraft = async (format: FileFormat) => {
    if (fetching) return;
    setFetching(format);
    setRefusal(null);
    try {
      await downloadDocument(
        `/api/v1/cycles/${encodeURIComponent(cycleId)}/decision`,
        format,
        'du-thao-quyet-dinh',
      );
    } catch (error) {
      setRefusal(error instanceof ApiProblem && error.message ? error.message : t('decisionDraft.failed'));
    } finally {
      setFetching(null);
    }
  };
  return (
    <div className="decision-draft-files">
      <p className="field-hint">{t('decisionDraft.hint')}</p>
      <div className="actions">
        {(['pdf', 'docx'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            disabled={fetching !== null}
            onClick={() => void fetchDraft(format)}
          >
            {fetching === format ? t('decisionDraft.fetching') : t(`decisionDraft.${format}`)}
          </button>
        ))}
      </div>
      {refusal && (
        <p className="notice notice-error" role="alert">
          {refusal}
        </p>
      )}
    </div>
  );
}
