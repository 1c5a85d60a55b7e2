import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { ReasonedAction } from './reasoned-action';

/**
 * Erasing an uploaded file's content (docs/evidence.md "Erasing a file's content"), offered to the
 * Quality Representative where a file of the year is listed (its upload in the history, the year's
 * files): a button named for the file, then a reason, then a confirmation that says it cannot be
 * undone. The file stays named in the year's records, without its bytes.
 */
export function EraseFileContent({
  cycleId,
  evidenceId,
  fileName,
  erasable,
  onErased,
}: {
  cycleId: string;
  evidenceId: string;
  fileName: string;
  /**
   * Whether this person may erase it now (the Quality Representative, a content still there). Once
   * opened it stays, erasable or not, so that what was done is still said after the list is read again.
   */
  erasable: boolean;
  onErased: () => void;
}) {
  const { t } = useTranslation('cycles');
  const [open, setOpen] = useState(false);
  const onClose = () => setOpen(false);
  if (!open)
    return (
      erasable && (
        <button type="button" className="button button-quiet" onClick={() => setOpen(true)}>
          {t('eraseFile.open')}
          <span className="visually-hidden"> {fileName}</span>
        </button>
      )
    );
  return (
    <div className="erase-file-content">
      <ReasonedAction
        heading="h3"
        className="erase-evidence"
        words={{
          title: t('eraseFile.title', { file: fileName }),
          lead: t('eraseFile.lead'),
          reason: t('eraseFile.reason'),
          ask: t('eraseFile.ask'),
          confirmText: t('eraseFile.confirmText', { file: fileName }),
          confirm: t('eraseFile.confirm'),
          busy: t('eraseFile.busy'),
          done: t('eraseFile.done', { file: fileName }),
          conflict: t('eraseFile.forbidden'),
          forbidden: t('eraseFile.forbidden'),
        }}
        submit={(reason) =>
          ok(
            api.POST('/api/v1/cycles/{cycleId}/evidence/{evidenceId}/erase', {
              params: { path: { cycleId, evidenceId } },
              body: { reason },
            }),
          )
        }
        onDone={onErased}
      />
      <div className="actions">
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('eraseFile.close')}
        </button>
      </div>
    </div>
  );
}
