import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldProblem } from '../../api/client';
import {
  EVIDENCE_ACCEPT,
  EvidenceLink,
  uploadEvidence,
  useRecordEvidence,
  type EvidenceFile,
  type EvidenceRecordType,
} from '../../ui/evidence';
import { Field } from '../../ui/field';
import type { TaskDetail } from '../task-types';
import { ListEditor } from './list-editor';
import type { ProblemBook } from './problem-book';

/** The refusal of an upload in the user's words (docs/evidence.md, "Refusals keep nothing"). */
function refusalText(error: unknown, t: (key: string) => string): string {
  if (!(error instanceof ApiProblem)) return t('evidence.error.network');
  if (error.status === 413) return t('evidence.error.tooLarge');
  if (error.status === 415) return t('evidence.error.type');
  if (error.status === 422)
    return error.code === 'EVIDENCE_RECORD_UNKNOWN'
      ? t('evidence.error.record')
      : t('evidence.error.invalid');
  if (error.status === 403) return t('evidence.error.forbidden');
  if (error.status === 404) return t('evidence.error.cycle');
  return t('evidence.error.other');
}

const sizeText = (bytes: number, language: string) => {
  const format = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024
    ? `${format.format(bytes / (1024 * 1024))} MB`
    : `${format.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
};

/**
 * "Đính kèm tệp minh chứng": a labelled file input that uploads the chosen file to the task's
 * record and adds it to the answer's evidence (its `evidence:<id>`), listed by name with a download
 * link. Files uploaded to the record earlier (before a reload, by the Quality Representative) are
 * offered to be added again. The API's refusal (413, 415, 422) is said by the control.
 */
export function EvidenceUpload({
  cycleId,
  recordType,
  recordKey,
  files,
  onChange,
  problems = [],
  alreadyNamed = [],
}: {
  cycleId: string;
  recordType: EvidenceRecordType;
  recordKey: string;
  files: EvidenceFile[];
  onChange: (files: EvidenceFile[]) => void;
  problems?: FieldProblem[];
  /** References the record's earlier answers name already (a report's files, under its correction): not offered again. */
  alreadyNamed?: readonly string[];
}) {
  const { t, i18n } = useTranslation('tasks');
  const [uploading, setUploading] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const earlier = useRecordEvidence(cycleId, recordType, recordKey);
  const input = useRef<HTMLInputElement>(null);
  // The latest list, for an upload that ends after another change.
  const current = useRef(files);
  current.current = files;

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file || uploading) return;
    setUploading(file.name);
    setRefusal(undefined);
    setDone(undefined);
    try {
      const stored = await uploadEvidence(cycleId, recordType, recordKey, file);
      if (!current.current.some((f) => f.id === stored.id)) onChange([...current.current, stored]);
      setDone(stored.fileName);
    } catch (error) {
      setRefusal(refusalText(error, t));
    } finally {
      setUploading(undefined);
      if (input.current) input.current.value = '';
    }
  };

  const offered = earlier.filter(
    (file) => !files.some((f) => f.id === file.id) && !alreadyNamed.includes(file.reference),
  );
  const shownProblems: FieldProblem[] = [
    ...problems,
    ...(refusal ? [{ path: 'file', reason: refusal }] : []),
  ];

  return (
    <div className="evidence-upload">
      {files.length > 0 && (
        <ul className="evidence-files" aria-label={t('evidence.attached')}>
          {files.map((file) => (
            <li key={file.id}>
              <EvidenceLink reference={file.reference} fileName={file.fileName} />
              <span className="muted"> ({sizeText(file.size, i18n.language)})</span>{' '}
              <button
                type="button"
                className="button button-quiet"
                onClick={() => onChange(files.filter((f) => f.id !== file.id))}
              >
                {t('evidence.remove')}
                <span className="visually-hidden"> {file.fileName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <Field label={t('evidence.attach')} hint={t('evidence.accepted')} problems={shownProblems}>
        {({ id, describedBy, invalid }) => (
          <input
            ref={input}
            id={id}
            type="file"
            accept={EVIDENCE_ACCEPT}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-busy={uploading ? true : undefined}
            // Not disabled while uploading (that would drop the keyboard focus): a choice is ignored.
            onClick={(event) => {
              if (uploading) event.preventDefault();
            }}
            onChange={(event) => void choose(event)}
          />
        )}
      </Field>
      <p className="evidence-status" role="status" aria-live="polite">
        {uploading ? (
          <>
            <progress aria-label={t('evidence.uploading', { name: uploading })} />{' '}
            {t('evidence.uploading', { name: uploading })}
          </>
        ) : done ? (
          t('evidence.uploaded', { name: done })
        ) : refusal ? (
          // Said here as an upload's end is, while the field shows it: its message is no live region.
          <span className="visually-hidden">{refusal}</span>
        ) : (
          ''
        )}
      </p>
      {offered.length > 0 && (
        <div className="evidence-earlier">
          <p className="field-hint">{t('evidence.earlier')}</p>
          <ul className="evidence-files">
            {offered.map((file) => (
              <li key={file.id}>
                <EvidenceLink reference={file.reference} fileName={file.fileName} />{' '}
                <button type="button" className="button" onClick={() => onChange([...files, file])}>
                  {t('evidence.addEarlier')}
                  <span className="visually-hidden"> {file.fileName}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The references sent in the answer's evidence list. */
export const evidenceReferences = (files: EvidenceFile[]) => files.map((file) => file.reference);

/**
 * The evidence of an answer as one piece: the texts naming paper records (when the answer has an
 * evidence list of its own: a measurement report, an audit step), then the uploaded files. Every
 * change clears the API's refusal of `evidence`.
 */
export function EvidenceEditor({
  task,
  recordType,
  recordKey,
  legend,
  hint,
  problems,
  files,
  onFiles,
  texts,
  alreadyNamed,
}: {
  task: TaskDetail;
  recordType: EvidenceRecordType;
  recordKey: string;
  legend: string;
  hint?: string;
  problems: ProblemBook;
  files: EvidenceFile[];
  onFiles: (files: EvidenceFile[]) => void;
  texts?: {
    values: string[];
    onChange: (values: string[]) => void;
    itemLabel: (index: number) => string;
    addLabel: string;
  };
  alreadyNamed?: readonly string[];
}) {
  const upload = (
    <EvidenceUpload
      cycleId={task.cycleId}
      recordType={recordType}
      recordKey={recordKey}
      files={files}
      onChange={(next) => {
        onFiles(next);
        problems.edit('evidence');
      }}
      problems={texts ? [] : problems.at('evidence')}
      alreadyNamed={alreadyNamed}
    />
  );
  if (!texts)
    return (
      <fieldset className="task-fieldset">
        <legend>{legend}</legend>
        {hint && <p className="field-hint">{hint}</p>}
        {upload}
      </fieldset>
    );
  return (
    <ListEditor
      legend={legend}
      hint={hint}
      itemLabel={texts.itemLabel}
      addLabel={texts.addLabel}
      values={texts.values}
      onChange={(values) => {
        texts.onChange(values);
        problems.edit('evidence');
      }}
      problems={problems.exact('evidence')}
      problemsAt={(index) => problems.at(`evidence[${index}]`)}
    >
      {upload}
    </ListEditor>
  );
}
