import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, ok } from '../../api/client';
import { downloadDocument, type FileFormat } from '../../ui/download';
import { useRequestId } from '../../api/request-id';
import { Field, TextAreaField } from '../../ui/field';
import { usePeople } from '../../ui/people';
import { useLoad } from '../../ui/page-state';
import { useUnits } from '../../tasks/components/people';
import { EvidenceNamesProvider } from '../../ui/evidence';
import { CorrectiveActionRecord } from './corrective-action-record';
import { RecordHistoryLink } from './record-history-link';
import { useDirectoryNames } from './directory-names';
import { useFormat } from './format';
import { useSubmission } from '../../ui/submission';

const SOURCES = ['complaint', 'external-audit', 'observation', 'missed-objective'] as const;

/** The formats a nonconformity's form (ISO 10.2) is printed in, as the cycle's documents page offers them. */
const FORM_FORMATS: FileFormat[] = ['pdf', 'docx'];

/**
 * The cycle's nonconformities from every source (GET /cycles/{id}/nonconformities), and for the
 * Quality Representative of a running cycle the form that opens one (POST): its corrective action
 * then follows the audit findings' flow (ISO 10.2). Refusals are shown by their field.
 */
export function Nonconformities({ cycleId, canOpen }: { cycleId: string; canOpen: boolean }) {
  const { t, i18n } = useTranslation('cycles');
  const { units, unitName } = useUnits();
  const people = usePeople();
  const names = useDirectoryNames();
  const format = useFormat();
  const { data, reload } = useLoad(
    () => ok(api.GET('/api/v1/cycles/{cycleId}/nonconformities', { params: { path: { cycleId } } })),
    [cycleId],
  );
  const [source, setSource] = useState<(typeof SOURCES)[number]>('complaint');
  const [description, setDescription] = useState('');
  const [unitCode, setUnitCode] = useState('');
  const [severity, setSeverity] = useState<'minor-nc' | 'major-nc'>('minor-nc');
  const [verifierUserId, setVerifierUserId] = useState('');
  const section = useRef<HTMLElement>(null);
  const { busy, problem, setProblem, submit } = useSubmission(section, t('errors.network'));
  const [opened, setOpened] = useState<string | null>(null);
  const requestId = useRequestId();

  const send = submit(async () => {
    setOpened(null);
    // What the page can tell by itself, in the reader's language (the API's 400 names the same fields
    // in its own words).
    const missing = [
      ...(description.trim() === ''
        ? [{ path: 'description', reason: t('nonconformities.descriptionRequired') }]
        : []),
      ...(unitCode === '' ? [{ path: 'unitCode', reason: t('nonconformities.unitRequired') }] : []),
    ];
    if (missing.length > 0) {
      setProblem(new ApiProblem(400, 'VALIDATION', '', missing, undefined));
      return;
    }
    const body = {
      source,
      description: description.trim(),
      unitCode,
      severity,
      ...(verifierUserId ? { verifierUserId } : {}),
    };
    const answer = await ok(
      api.POST('/api/v1/cycles/{cycleId}/nonconformities', {
        params: { path: { cycleId } },
        body,
        headers: { 'x-request-id': requestId.idFor(body) },
      }),
    );
    requestId.succeeded();
    setOpened(answer.id);
    setDescription('');
    reload();
  });
  // Per nonconformity and format: the form on its way, or what the API said instead of it.
  const [fetching, setFetching] = useState<string | null>(null);
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const fetchForm = async (nonconformityId: string, format: FileFormat) => {
    if (fetching) return;
    setFetching(`${nonconformityId}:${format}`);
    setRefusals((known) =>
      Object.fromEntries(Object.entries(known).filter(([id]) => id !== nonconformityId)),
    );
    try {
      await downloadDocument(
        `/api/v1/cycles/${encodeURIComponent(cycleId)}/nonconformities/${encodeURIComponent(nonconformityId)}`,
        format,
        'nonconformity',
      );
    } catch (error) {
      const problem = error instanceof ApiProblem ? error : undefined;
      const said =
        problem?.status === 403 ? t('documents.forbidden') : (problem?.message ?? t('errors.network'));
      setRefusals((known) => ({ ...known, [nonconformityId]: said }));
    } finally {
      setFetching(null);
    }
  };

  const at = (path: string) => problem?.at(path) ?? [];
  const shown = new Set(['source', 'description', 'unitCode', 'severity', 'verifierUserId'].flatMap(at));
  const general = problem?.problems.filter((p) => !shown.has(p)) ?? [];
  const refusal =
    problem && problem.problems.length === 0
      ? problem.status === 409
        ? t('nonconformities.conflict')
        : problem.status === 403
          ? t('nonconformities.forbidden')
          : problem.message || t('errors.network')
      : null;
  const select = (
    label: string,
    path: string,
    value: string,
    set: (value: string) => void,
    options: { value: string; label: string }[],
    hint?: string,
  ) => (
    <Field label={label} hint={hint} problems={at(path)}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={value}
          disabled={busy}
          onChange={(event) => set(event.target.value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const items = data?.items ?? [];

  return (
    <section ref={section} className="card" aria-labelledby="nonconformities-heading">
      <h2 id="nonconformities-heading">{t('nonconformities.title')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('nonconformities.none')}</p>
      ) : (
        // The files the plans rest on, by the names the API lists with them.
        <EvidenceNamesProvider cycleId={undefined} records={[]} known={data?.files}>
          <ul>
            {items.map((nc) => (
              <li key={nc.id}>
                <strong>{t(`nonconformities.sources.${nc.source}`)}</strong> ·{' '}
                {unitName(nc.unitCode, i18n.language)} ·{' '}
                {t(`actionStatus.${nc.status}`, { defaultValue: nc.status })}: {nc.description}
                {nc.carriedFrom && <> · {t('nonconformities.carriedFrom')}</>}
                {nc.continuedAs && <> · {t('nonconformities.continuedAs')}</>}
                <RecordHistoryLink
                  cycleId={cycleId}
                  subject={nc.id}
                  as="span"
                  className="nonconformity-history"
                />
                {(nc.correction || nc.rootCause || nc.action) && (
                  <details className="nonconformity-record">
                    <summary>{t('nonconformities.record')}</summary>
                    <CorrectiveActionRecord
                      answers={nc}
                      owner={nc.ownerUserId ? names.person(nc.ownerUserId) : undefined}
                      due={nc.dueDate ? format.date(nc.dueDate) : undefined}
                    />
                  </details>
                )}
                <div
                  className="actions document-files"
                  role="group"
                  aria-label={t('nonconformities.formOf', {
                    source: t(`nonconformities.sources.${nc.source}`),
                    unit: unitName(nc.unitCode, i18n.language),
                  })}
                >
                  <span className="muted">{t('nonconformities.form')}</span>
                  {FORM_FORMATS.map((format) => (
                    // Not `disabled` while a file is on its way, as on the documents page: a disabled
                    // button drops the keyboard's focus (fetchForm ignores a second click instead).
                    <button
                      key={format}
                      type="button"
                      className="button button-quiet"
                      aria-disabled={fetching !== null || undefined}
                      onClick={() => void fetchForm(nc.id, format)}
                    >
                      {fetching === `${nc.id}:${format}` ? t('documents.downloading') : format.toUpperCase()}
                    </button>
                  ))}
                </div>
                {refusals[nc.id] && (
                  <p className="field-error" role="status">
                    {refusals[nc.id]}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </EvidenceNamesProvider>
      )}
      {canOpen && (
        <form onSubmit={send} noValidate>
          <h3>{t('nonconformities.open')}</h3>
          {select(
            t('nonconformities.source'),
            'source',
            source,
            (value) => setSource(value as (typeof SOURCES)[number]),
            SOURCES.map((s) => ({ value: s, label: t(`nonconformities.sources.${s}`) })),
          )}
          <TextAreaField
            label={t('nonconformities.description')}
            problems={at('description')}
            maxLength={4000}
            value={description}
            disabled={busy}
            onChange={setDescription}
          />
          {select(t('nonconformities.unit'), 'unitCode', unitCode, setUnitCode, [
            { value: '', label: t('nonconformities.choose') },
            ...units.map((u) => ({ value: u.code, label: unitName(u.code, i18n.language) })),
          ])}
          {select(
            t('nonconformities.severity'),
            'severity',
            severity,
            (value) => setSeverity(value as 'minor-nc' | 'major-nc'),
            [
              { value: 'minor-nc', label: t('nonconformities.severities.minor-nc') },
              { value: 'major-nc', label: t('nonconformities.severities.major-nc') },
            ],
          )}
          {select(
            t('nonconformities.verifier'),
            'verifierUserId',
            verifierUserId,
            setVerifierUserId,
            [
              { value: '', label: t('nonconformities.verifierDefault') },
              ...people.filter((p) => p.active).map((p) => ({ value: p.userId, label: p.fullName })),
            ],
            t('nonconformities.verifierHint'),
          )}
          {(general.length > 0 || refusal) && (
            <div className="notice notice-error" role="alert">
              {refusal ?? general.map((p) => p.reason).join(' ')}
            </div>
          )}
          {opened && (
            <div className="notice notice-ok" role="status">
              {t('nonconformities.done')}
            </div>
          )}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('nonconformities.opening') : t('nonconformities.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
