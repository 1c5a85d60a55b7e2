import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldProblem } from '../../api/client';
import {
  acceptAttribute,
  EvidenceLink,
  fileSizeText,
  refusalBeforeSending,
  uploadEvidence,
  useAcceptedFiles,
  useRecordEvidence,
  type AcceptedFiles,
  type EvidenceFile,
  type EvidenceRecordType,
} from '../../ui/evidence';
import { Field } from '../../ui/field';
import type { TaskDetail } from '../task-types';
import type { Translate } from './format';
import { ListEditor } from './list-editor';
import type { ProblemBook } from './problem-book';

/** The refusal of an upload in the user's words (docs/evidence.md, "Refusals keep nothing"). */
function refusalText(error: unknown, t: Translate, language: string): string {
  if (!(error instanceof ApiProblem)) return t('evidence.error.network');
  if (error.status === 413) {
    // A small file whose embedded files unpack to more than the server reads for macros.
    if (error.details?.reason === 'unpacked') return t('evidence.error.unpacked');
    // Ours names the limit; a proxy in front of the API may refuse a smaller file without a word.
    const maxBytes = error.details?.maxBytes;
    return typeof maxBytes === 'number'
      ? t('evidence.error.tooLarge', { size: fileSizeText(maxBytes, language) })
      : t('evidence.error.tooLargeForServer');
  }
  if (error.status === 415) {
    const reason = error.details?.reason;
    if (reason === 'macros') return t('evidence.error.macros');
    if (reason === 'scripts') return t('evidence.error.scripts');
    if (reason === 'program') return t('evidence.error.program');
    return reason === 'content' ? t('evidence.error.content') : t('evidence.error.type');
  }
  if (error.status === 422)
    return error.code === 'EVIDENCE_RECORD_UNKNOWN'
      ? t('evidence.error.record')
      : t('evidence.error.invalid');
  if (error.status === 403) return t('evidence.error.forbidden');
  if (error.status === 404) return t('evidence.error.cycle');
  return t('evidence.error.other');
}

/** The kinds of file the server takes, as the user knows them: "PDF, PNG, …, DOC hoặc XLS". */
const kindsText = (rules: AcceptedFiles, language: string) =>
  new Intl.ListFormat(language === 'en' ? 'en-GB' : 'vi', { type: 'disjunction' }).format(
    rules.types.map((type) => type.kind.toUpperCase()),
  );

/** A file not sent, because its name, its first bytes or its size already say the server would refuse it. */
function refusedUnsent(
  why: 'type' | 'content' | 'too-large',
  rules: AcceptedFiles,
  t: Translate,
  language: string,
): string {
  if (why === 'type') return t('evidence.error.typeNotSent', { kinds: kindsText(rules, language) });
  if (why === 'content') return t('evidence.error.contentNotSent');
  return t('evidence.error.tooLargeNotSent', { size: fileSizeText(rules.maxBytes, language) });
}

/** A file the API refused (or that was not sent, see above), by its name, with why in the user's words. */
interface Refusal {
  name: string;
  reason: string;
}

/** Whether a drag carries files from the user's computer (not a text or a link of the page). */
const carriesFiles = (event: { dataTransfer: DataTransfer | null }) =>
  event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Files dropped beside the drop zone would make the browser open them in place of the page, and the
 * form being filled in would be gone: while a zone is on the page, such a drop does nothing.
 */
function useNoDropBesideZones() {
  useEffect(() => {
    const refuse = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      if (event.target instanceof Element && event.target.closest('.evidence-drop')) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, []);
}

/**
 * "Đính kèm tệp minh chứng": files chosen (several at once) or dropped on the field are uploaded to
 * the task's record one after another and added to the answer's evidence (their `evidence:<id>`),
 * listed by name with a download link. A file the API refuses (413, 415, 422) is named with why,
 * and the others are still attached; one whose name or size says already that it would be refused
 * (the server's accepted files) is named so without being sent. While a file goes out the status
 * says how much of it has; she may stop it (it and the files after it are not sent). Files uploaded to the record earlier (before
 * a reload, by the Quality Representative) are offered to be added again.
 *
 * The file input itself is kept for the keyboard and for screen readers (visually hidden, focusable);
 * the button shown is in the page's language, where the browser's own would be in its own.
 */
export function EvidenceUpload({
  cycleId,
  recordType,
  recordKey,
  files,
  onChange,
  problems = [],
  alreadyNamed = [],
  offerEarlier = true,
}: {
  cycleId: string;
  recordType: EvidenceRecordType;
  recordKey: string;
  files: EvidenceFile[];
  onChange: (files: EvidenceFile[]) => void;
  problems?: FieldProblem[];
  /** References the record's earlier answers name already (a report's files, under its correction): not offered again. */
  alreadyNamed?: readonly string[];
  /** False where an upload is kept as it is sent, with no answer to name it (a signed copy added later). */
  offerEarlier?: boolean;
}) {
  const { t, i18n } = useTranslation('tasks');
  const [uploading, setUploading] = useState<
    { name: string; index: number; count: number; sent?: number; total?: number } | undefined
  >();
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [attached, setAttached] = useState<string[]>([]);
  // The file being uploaded when she stopped, and how many after it were not sent.
  const [stopped, setStopped] = useState<{ name: string; rest: number } | undefined>();
  const [dragging, setDragging] = useState(false);
  const earlier = useRecordEvidence(cycleId, recordType, recordKey, offerEarlier);
  const rules = useAcceptedFiles();
  const input = useRef<HTMLInputElement>(null);
  // One batch at a time: a choice or a drop during an upload is ignored (the status says it is busy).
  // Its controller stops it: the stop button, or leaving the page (the file would be stored for a
  // form no longer there).
  const batch = useRef<AbortController | null>(null);
  useEffect(() => () => batch.current?.abort(), []);
  // The latest list, for uploads that end after another change (and after each other: the parent
  // has not rendered the previous file's addition yet).
  const current = useRef(files);
  current.current = files;
  useNoDropBesideZones();

  const upload = async (chosen: File[]) => {
    if (chosen.length === 0 || batch.current) return;
    const controller = new AbortController();
    batch.current = controller;
    setRefusals([]);
    setAttached([]);
    setStopped(undefined);
    const done: string[] = [];
    const refused: Refusal[] = [];
    for (const [index, file] of chosen.entries()) {
      const early = rules && (await refusalBeforeSending(file, rules));
      if (early) {
        refused.push({ name: file.name, reason: refusedUnsent(early, rules, t, i18n.language) });
        continue;
      }
      setUploading({ name: file.name, index: index + 1, count: chosen.length });
      try {
        const stored = await uploadEvidence(
          cycleId,
          recordType,
          recordKey,
          file,
          (sent, total) => setUploading((shown) => shown && { ...shown, sent, total }),
          controller.signal,
        );
        if (!current.current.some((f) => f.id === stored.id)) {
          current.current = [...current.current, stored];
          onChange(current.current);
        }
        done.push(stored.fileName);
      } catch (error) {
        if (controller.signal.aborted) {
          setStopped({ name: file.name, rest: chosen.length - index - 1 });
          break;
        }
        refused.push({ name: file.name, reason: refusalText(error, t, i18n.language) });
      }
    }
    batch.current = null;
    setUploading(undefined);
    setAttached(done);
    setRefusals(refused);
    if (input.current) input.current.value = '';
  };

  const stop = () => {
    batch.current?.abort();
    // The button leaves with the upload: the keyboard's focus goes back to the field.
    input.current?.focus();
  };

  // Not a file whose content was erased: no answer may name it any more.
  const offered = earlier.filter(
    (file) =>
      !files.some((f) => f.id === file.id) && !alreadyNamed.includes(file.reference) && file.erased === null,
  );
  const refusalTexts = refusals.map(({ name, reason }) => t('evidence.refusedFile', { name, reason }));
  const shownProblems: FieldProblem[] = [
    ...problems,
    ...refusalTexts.map((reason) => ({ path: 'file', reason })),
  ];
  const uploadingText =
    uploading &&
    (uploading.count === 1
      ? t('evidence.uploading', { name: uploading.name })
      : t('evidence.uploadingOf', { name: uploading.name, index: uploading.index, count: uploading.count }));
  // How far the file has gone out, once the browser says: "45% (0,5/1,1 MB)".
  const sentText =
    uploading?.total &&
    t('evidence.sent', {
      percent: Math.floor(((uploading.sent ?? 0) * 100) / uploading.total),
      sent: fileSizeText(uploading.sent ?? 0, i18n.language),
      total: fileSizeText(uploading.total, i18n.language),
    });

  // The kinds and the limit are the server's (EVIDENCE_MAX_BYTES): said once they are known.
  const hint = [
    rules && t('evidence.acceptedTypes', { kinds: kindsText(rules, i18n.language) }),
    rules && t('evidence.maxSize', { size: fileSizeText(rules.maxBytes, i18n.language) }),
    t('evidence.howToAttach'),
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="evidence-upload">
      {files.length > 0 && (
        <ul className="evidence-files" aria-label={t('evidence.attached')}>
          {files.map((file) => (
            <li key={file.id}>
              <EvidenceLink reference={file.reference} fileName={file.fileName} />
              <span className="muted"> ({fileSizeText(file.size, i18n.language)})</span>{' '}
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
      <Field label={t('evidence.attach')} hint={hint} problems={shownProblems}>
        {({ id, describedBy, invalid }) => (
          <div
            className={`evidence-drop${dragging ? ' evidence-drop-over' : ''}`}
            onDragOver={(event) => {
              if (!carriesFiles(event)) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = 'copy';
              setDragging(true);
            }}
            onDragLeave={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
            }}
            onDrop={(event) => {
              if (!carriesFiles(event)) return;
              event.preventDefault();
              setDragging(false);
              void upload([...event.dataTransfer.files]);
            }}
          >
            <input
              ref={input}
              id={id}
              type="file"
              multiple
              className="visually-hidden evidence-input"
              accept={rules && acceptAttribute(rules)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              aria-busy={uploading ? true : undefined}
              // Not disabled while uploading (that would drop the keyboard focus): a choice is ignored.
              onClick={(event) => {
                if (batch.current) event.preventDefault();
              }}
              onChange={(event) => void upload([...(event.target.files ?? [])])}
            />
            {/* The input's face, for the pointer; the keyboard and screen readers use the input. */}
            <span
              className="button evidence-choose"
              aria-hidden="true"
              onClick={() => input.current?.click()}
            >
              {t('evidence.choose')}
            </span>
            <span className="evidence-drop-text" aria-hidden="true">
              {dragging ? t('evidence.dropHere') : t('evidence.orDrop')}
            </span>
          </div>
        )}
      </Field>
      <p className="evidence-status" role="status" aria-live="polite">
        {uploadingText ? (
          <>
            <progress aria-label={uploadingText} value={uploading?.sent} max={uploading?.total} />{' '}
            {uploadingText}
            {sentText && <span aria-hidden="true"> {sentText}</span>}
          </>
        ) : (
          <>
            {attached.length === 1 && t('evidence.uploaded', { name: attached[0] })}
            {attached.length > 1 && t('evidence.uploadedMany', { count: attached.length })}
            {stopped &&
              ` ${t(stopped.rest > 0 ? 'evidence.stoppedWithRest' : 'evidence.stopped', { name: stopped.name, count: stopped.rest })}`}
            {refusalTexts.length > 0 && (
              // Said here as an upload's end is, while the field shows it: its message is no live region.
              <span className="visually-hidden"> {refusalTexts.join(' ')}</span>
            )}
          </>
        )}
      </p>
      {uploading && (
        // Outside the status: its words are said as they change, a button's name need not be.
        <button type="button" className="button button-quiet evidence-stop" onClick={stop}>
          {t('evidence.stop')}
          <span className="visually-hidden"> {uploading.name}</span>
        </button>
      )}
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
  refused = true,
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
  /**
   * Whether the API's refusal of `evidence` is about this box's files: where one record has a box for
   * each choice (the approval's, to approve or to return), only the one whose answer was sent.
   */
  refused?: boolean;
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
      problems={texts || !refused ? [] : problems.at('evidence')}
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
