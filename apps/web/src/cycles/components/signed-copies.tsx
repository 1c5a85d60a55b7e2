import { Fragment, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { EvidenceLink, evidenceReferenceOf } from '../../ui/evidence';
import { ReasonedAction } from './reasoned-action';

/** A scan listed beside a signed paper. */
export interface SignedCopyFile {
  id: string;
  fileName: string;
}

/**
 * "Bản đã ký (bản chụp): …" beside the decision or the minutes: the scans of the paper as signed,
 * each to download. Whoever may add one (the Quality Representative, the văn thư, while the year
 * runs) may withdraw one that is the wrong paper, "Gỡ": a reason, then a confirmation. The file
 * stays on its record and in the dossier; it is no longer listed here (`onWithdrawn` reads the
 * record again). Those the answer itself named are part of it: only a scan added since is offered.
 */
export function SignedCopies({
  cycleId,
  files,
  addedSince,
  name,
  mayWithdraw,
  onWithdrawn,
}: {
  cycleId: string;
  files: SignedCopyFile[];
  /** The files added to the record once the answer was given, which may be withdrawn. */
  addedSince: (file: SignedCopyFile) => boolean;
  /** The document's name, as the page lists it. */
  name: string;
  mayWithdraw: boolean;
  onWithdrawn: () => void;
}) {
  const { t } = useTranslation('cycles');
  const [withdrawing, setWithdrawing] = useState<SignedCopyFile | null>(null);
  const closed = useRef<string | null>(null);
  const form = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLParagraphElement>(null);
  // The keyboard's focus follows: into the reason once "Gỡ" is pressed; once closed, back to that
  // "Gỡ", or to the list when the scan has left it.
  useEffect(() => {
    if (withdrawing) form.current?.querySelector('textarea')?.focus();
    else if (closed.current !== null) {
      const again = list.current?.querySelector<HTMLElement>(
        `[data-withdraws="${CSS.escape(closed.current)}"]`,
      );
      (again ?? list.current)?.focus();
      closed.current = null;
    }
  }, [withdrawing]);
  const close = () => {
    closed.current = withdrawing?.id ?? null;
    setWithdrawing(null);
  };
  return (
    <>
      {files.length > 0 && (
        <p ref={list} className="small signed-copies" tabIndex={-1}>
          {t('documents.signedCopy')}{' '}
          {files.map((file, index) => (
            <Fragment key={file.id}>
              {index > 0 && ', '}
              <EvidenceLink reference={evidenceReferenceOf(file.id)} fileName={file.fileName} />
              {mayWithdraw && addedSince(file) && withdrawing?.id !== file.id && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button-quiet"
                    data-withdraws={file.id}
                    onClick={() => setWithdrawing(file)}
                  >
                    {t('documents.withdraw.open')}
                    <span className="visually-hidden"> {file.fileName}</span>
                  </button>
                </>
              )}
            </Fragment>
          ))}
        </p>
      )}
      {withdrawing && (
        <div ref={form}>
          <ReasonedAction
            key={withdrawing.id}
            heading="h3"
            className="withdraw-signed-copy"
            words={{
              title: t('documents.withdraw.title', { file: withdrawing.fileName }),
              lead: t('documents.withdraw.lead', { document: name }),
              reason: t('documents.withdraw.reason'),
              ask: t('documents.withdraw.ask'),
              confirmText: t('documents.withdraw.confirmText', {
                file: withdrawing.fileName,
                document: name,
              }),
              confirm: t('documents.withdraw.confirm'),
              busy: t('documents.withdraw.busy'),
              done: t('documents.withdraw.done', { file: withdrawing.fileName }),
              conflict: t('documents.withdraw.conflict'),
              forbidden: t('documents.withdraw.forbidden'),
            }}
            submit={(reason) =>
              ok(
                api.POST('/api/v1/cycles/{cycleId}/evidence/{evidenceId}/withdraw', {
                  params: { path: { cycleId, evidenceId: withdrawing.id } },
                  body: { reason },
                }),
              )
            }
            onDone={onWithdrawn}
          />
          <div className="actions">
            <button type="button" className="button button-quiet" onClick={close}>
              {t('documents.withdraw.close')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
