import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { useCertificateWords } from '../ui/auditor-certificate';
import { vietnamToday } from '../ui/dates';
import type { User } from './directory-data';
import { changedMeanwhile, TextField } from './directory-kit';
import { submitWith, useBusyAction } from '../ui/submission';
import { FormProblem, problemsAt } from './problems';

interface CertificateValues {
  certificate: string;
  issuedBy: string;
  issuedOn: string;
}

const valuesOf = (user: User): CertificateValues => ({
  certificate: user.auditorCertificate?.certificate ?? '',
  issuedBy: user.auditorCertificate?.issuedBy ?? '',
  issuedOn: user.auditorCertificate?.issuedOn ?? '',
});

/**
 * The person's competence to audit on record (ISO 9001 7.2): the certificate of internal-auditor
 * training they hold, written as on the paper, who issued it and on which day. The audit plan names it
 * beside them in the audit team, and the lead auditor's plan form shows who has none. Recorded,
 * corrected and taken off by the administrator; each change is in the directory's log.
 */
export function AuditorCertificateForm({
  user,
  onSaved,
  onChangedMeanwhile,
}: {
  user: User;
  onSaved(user: User, message: string): void;
  onChangedMeanwhile(current: User): void;
}) {
  const { t } = useTranslation('directory');
  const certificateWords = useCertificateWords();
  const [values, setValues] = useState<CertificateValues>(() => valuesOf(user));
  const { busy, error, setError, run } = useBusyAction();
  const held = user.auditorCertificate;
  const set = (patch: Partial<CertificateValues>) => setValues({ ...values, ...patch });

  const send = (auditorCertificate: CertificateValues | null, message: (name: string) => string) =>
    run(
      async () => {
        const saved = await ok(
          api.PATCH('/api/v1/users/{id}', {
            params: { path: { id: user.id } },
            body: {
              auditorCertificate: auditorCertificate && {
                certificate: auditorCertificate.certificate.trim(),
                issuedBy: auditorCertificate.issuedBy.trim() || null,
                issuedOn: auditorCertificate.issuedOn,
              },
              // The person as this form read them: someone's change since is not silently put back.
              ifUnchangedSince: user.updatedAt,
            },
          }),
        );
        setValues(valuesOf(saved));
        onSaved(saved, message(saved.fullName));
      },
      (caught) => {
        setError(caught);
        const current = changedMeanwhile<User>(caught);
        if (!current) return;
        setValues(valuesOf(current));
        onChangedMeanwhile(current);
      },
    );

  const save = submitWith(() => send(values, (name) => t('certificate.saved', { name })));

  return (
    <form onSubmit={save} noValidate aria-labelledby="user-certificate-heading" className="dir-certificate">
      <h4 id="user-certificate-heading">{t('certificate.title')}</h4>
      <p className="field-hint">{t('certificate.hint')}</p>
      <p>{held ? t('certificate.held', { words: certificateWords(held) }) : t('certificate.none')}</p>
      <div className="dir-grid">
        <TextField
          label={t('certificate.certificate')}
          hint={t('certificate.certificateHint')}
          problems={problemsAt(t, error, 'auditorCertificate.certificate')}
          autoComplete="off"
          required
          value={values.certificate}
          onChange={(certificate) => set({ certificate })}
        />
        <TextField
          label={t('certificate.issuedBy')}
          problems={problemsAt(t, error, 'auditorCertificate.issuedBy')}
          autoComplete="off"
          value={values.issuedBy}
          onChange={(issuedBy) => set({ issuedBy })}
        />
        <TextField
          label={t('certificate.issuedOn')}
          problems={problemsAt(t, error, 'auditorCertificate.issuedOn')}
          type="date"
          max={vietnamToday()}
          required
          value={values.issuedOn}
          onChange={(issuedOn) => set({ issuedOn })}
        />
      </div>
      <FormProblem
        error={error}
        fields={[
          'auditorCertificate.certificate',
          'auditorCertificate.issuedBy',
          'auditorCertificate.issuedOn',
          'auditorCertificate',
        ]}
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('certificate.save')}
        </button>
        {held && (
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={() => void send(null, (name) => t('certificate.removed', { name }))}
          >
            {t('certificate.remove')}
          </button>
        )}
      </div>
    </form>
  );
}
