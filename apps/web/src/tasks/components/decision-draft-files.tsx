import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { downloadDocument, type FileFormat } from '../../ui/download';

/**
 * The decision and its plan as the draft of this round would issue them (GET /tasks/{id}/decision-draft,
 * /plan-draft: number and day of signing blank, "DỰ THẢO" on every page), for the leader who signs
 * them and the Quality Representative who submits them with the "tờ trình" — from the e-mail's link too.
 */
export function DecisionDraftFiles({ taskId }: { taskId: string }) {
  const { t } = useTranslation('tasks');
  // The file on its way (its document and format), or what the API said instead of it.
  const [fetching, setFetching] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const fetchDraft = async (document: 'decision' | 'plan', format: FileFormat) => {
    if (fetching) return;
    setFetching(`${document}:${format}`);
    setRefusal(null);
    try {
      await downloadDocument(
        `/api/v1/tasks/${encodeURIComponent(taskId)}/${document}-draft`,
        format,
        document === 'plan' ? 'du-thao-ke-hoach' : 'du-thao-quyet-dinh',
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
        {(['decision', 'plan'] as const).flatMap((document) =>
          (['pdf', 'docx'] as const).map((format) => (
            <button
              key={`${document}:${format}`}
              type="button"
              className="button"
              disabled={fetching !== null}
              onClick={() => void fetchDraft(document, format)}
            >
              {fetching === `${document}:${format}`
                ? t('decisionDraft.fetching')
                : t(`decisionDraft.${document}.${format}`)}
            </button>
          )),
        )}
      </div>
      {refusal && (
        <p className="notice notice-error" role="alert">
          {refusal}
        </p>
      )}
    </div>
  );
}
