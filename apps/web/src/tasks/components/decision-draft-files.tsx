import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { downloadDocument, type FileFormat } from '../../ui/download';

/**
 * The decision as the draft of this round would issue it (GET /tasks/{id}/decision-draft: number and
 * day of signing blank, "DỰ THẢO" on every page), for the leader who signs it and the Quality
 * Representative who submits it with the "tờ trình" — from the e-mail's link too.
 */
export function DecisionDraftFiles({ taskId }: { taskId: string }) {
  const { t } = useTranslation('tasks');
  const [fetching, setFetching] = useState<FileFormat | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const fetchDraft = async (format: FileFormat) => {
    if (fetching) return;
    setFetching(format);
    setRefusal(null);
    try {
      await downloadDocument(
        `/api/v1/tasks/${encodeURIComponent(taskId)}/decision-draft`,
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
