import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { EvidenceUpload } from '../../tasks/components/evidence-upload';

type SignedCopyRecord = components['schemas']['SignedCopyRecordView'];

/**
 * "Thêm bản đã ký (bản chụp)": the scan of the paper signed after qcycle recorded it (the leader
 * approved in qcycle, then signed the printed decision; the minutes printed after the review), added
 * to the record of the answer that recorded it. No answer names it: it is a signed copy as soon as
 * it is uploaded, listed beside the document (`onAdded` reads the record again), so the upload
 * offers no files uploaded earlier and none to remove.
 */
export function AddSignedCopy({
  cycleId,
  record,
  name,
  onAdded,
}: {
  cycleId: string;
  record: SignedCopyRecord;
  /** The document's name, as the page lists it. */
  name: string;
  onAdded: () => void;
}) {
  const { t } = useTranslation('cycles');
  const [open, setOpen] = useState(false);
  const legend = useRef<HTMLLegendElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  // The keyboard's focus follows: into the upload once opened, back to the button once done.
  useEffect(() => {
    if (open) legend.current?.focus();
    else if (opened.current) opener.current?.focus();
    opened.current ||= open;
  }, [open]);

  if (!open)
    return (
      <button ref={opener} type="button" className="button button-quiet" onClick={() => setOpen(true)}>
        {t('documents.addSignedCopy')}
        <span className="visually-hidden"> {name}</span>
      </button>
    );
  return (
    <fieldset className="task-fieldset signed-copy-upload">
      <legend ref={legend} tabIndex={-1}>
        {t('documents.addSignedCopyOf', { document: name })}
      </legend>
      <p className="field-hint">{t('documents.addSignedCopyHint')}</p>
      <EvidenceUpload
        cycleId={cycleId}
        recordType={record.recordType}
        recordKey={record.recordKey}
        files={[]}
        onChange={onAdded}
        offerEarlier={false}
      />
      <div className="actions">
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          {t('documents.addSignedCopyDone')}
        </button>
      </div>
    </fieldset>
  );
}
