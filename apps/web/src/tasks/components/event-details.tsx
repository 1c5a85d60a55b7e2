import { useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, formatInstant } from '../../ui/dates';
import { EvidenceLink, EvidenceText, evidenceReferenceOf, fileSizeText } from '../../ui/evidence';
import { describeTask } from '../../cycles/components/format';
import { answerSummary, figureText, text, word } from './answer-summary';
import { formatNumber, objectiveText, periodText, type Translate } from './format';
import { IndicatorNames, ReadableValue } from './readable-value';
import './event-details.css';

/** What the page knows how to name: people by user id, units by code. */
export interface EventNames {
  nameOf: (userId: string) => string;
  unitName?: (code: string) => string;
  indicatorName?: (id: string) => string;
}

export interface EventFact {
  /** The `history.field.*` key of its label. */
  field: string;
  value: ReactNode;
}

/** Internal ids and keys nobody needs to read: never shown, not even as technical details. */
const HIDDEN = new Set(['taskId', 'workflowId', 'cycleId', 'organisationCode', 'id', 'stepId']);

/**
 * Each indicator a correction changed, by its name: "Tỷ lệ …: 1.250/1.250 → 1.249/1.250". Undefined
 * when the figures are not a correction's lists.
 */
function correctedFigures(
  previous: unknown,
  figures: unknown[],
  names: EventNames,
  t: Translate,
  language: string,
): string[] | undefined {
  const before = Array.isArray(previous) ? (previous as Record<string, unknown>[]) : [];
  const changes: string[] = [];
  for (const after of figures) {
    if (!after || typeof after !== 'object') return undefined;
    const figure = after as Record<string, unknown>;
    if (typeof figure.indicatorId !== 'string') return undefined;
    const was = before.find((f) => f?.indicatorId === figure.indicatorId);
    const [from, to] = [was ? figureText(was, t, language) : undefined, figureText(figure, t, language)];
    if (from === to) continue;
    const name = names.indicatorName?.(figure.indicatorId) ?? figure.indicatorId;
    changes.push(`${name}: ${from ?? '—'} → ${to ?? '—'}`);
  }
  return changes;
}

/**
 * An event of the record (task history, cycle history) for a person: who a task was given to, by
 * name; its due date in Vietnam time; late or on time; the reason of a reassignment or a
 * cancellation; the answer's summary — labelled from the catalogue (`history.field.*`). Internal
 * ids are dropped; whatever else the payload holds is returned as `rest` (technical details).
 */
export function readableEvent(
  type: string,
  payload: Record<string, unknown> | null | undefined,
  names: EventNames,
  t: Translate,
  language: string,
): { facts: EventFact[]; rest: Record<string, unknown> } {
  const facts: EventFact[] = [];
  const rest: Record<string, unknown> = {};
  const person = (id: unknown) => (typeof id === 'string' && id ? names.nameOf(id) : undefined);
  // A file uploaded to a record, withdrawn as the signed copy of the decision or the minutes, or
  // whose content was erased.
  const fileEvent =
    type === 'evidence.uploaded' || type === 'evidence.withdrawn' || type === 'evidence.erased';
  const add = (field: string, value: ReactNode | undefined) => {
    if (value !== undefined && value !== null && value !== '') facts.push({ field, value });
  };
  for (const [key, value] of Object.entries(payload ?? {})) {
    if (value === null || value === undefined || value === '' || HIDDEN.has(key)) continue;
    switch (key) {
      case 'kind':
        add(
          'kind',
          typeof value === 'string' ? t(`tasks:kind.${value}`, { defaultValue: value }) : undefined,
        );
        break;
      case 'assigneeUserId':
        add('assignee', person(value));
        break;
      case 'from':
      case 'to':
        // A reassignment, or a unit's work or a role taken over, names people; elsewhere `from`/`to`
        // may be dates.
        if (type === 'task.reassigned' || type === 'cycle.unit-work-moved' || type === 'cycle.role-moved')
          add(key === 'from' ? 'reassignedFrom' : 'reassignedTo', person(value));
        else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
          add(key === 'from' ? 'fromDay' : 'toDay', formatDay(value, language));
        else rest[key] = value;
        break;
      case 'recipientUserId':
        add('recipient', person(value));
        break;
      case 'role':
        add(
          'role',
          typeof value === 'string' ? t(`directory:roles.${value}`, { defaultValue: value }) : undefined,
        );
        break;
      case 'level':
        add('level', typeof value === 'string' ? word(value, t) : String(value));
        break;
      case 'dueAt':
        add('due', typeof value === 'string' ? formatInstant(value, language) : undefined);
        break;
      case 'late':
        if (typeof value === 'boolean')
          add('timeliness', value ? t('tasks:history.late') : t('tasks:history.onTime'));
        else rest[key] = value;
        break;
      case 'reason':
        add('reason', typeof value === 'string' ? value : undefined);
        break;
      case 'previous':
        // A correction's figures before are said with its figures after (`figures`).
        if (type !== 'measurement.corrected') rest[key] = value;
        break;
      case 'figures': {
        const changes =
          type === 'measurement.corrected' && Array.isArray(value)
            ? correctedFigures(payload?.previous, value, names, t, language)
            : undefined;
        if (changes && changes.length > 0)
          add(
            'correctedFigures',
            changes.map((change, i) => (
              <span key={i} className="event-fact-line">
                {change}
              </span>
            )),
          );
        else {
          // Not said in words (no figure it shows changed): both lists stay in the technical details.
          rest[key] = value;
          if (type === 'measurement.corrected' && payload?.previous !== undefined)
            rest.previous = payload.previous;
        }
        break;
      }
      case 'evidence':
        // What a correction rests on: paper records as written, uploaded files by name, to download.
        if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
          add(
            'evidence',
            value.map((item, i) => (
              <span key={i}>
                {i > 0 && '; '}
                <EvidenceText value={item} />
              </span>
            )),
          );
        else rest[key] = value;
        break;
      case 'outcome': {
        const summary = answerSummary(value, t, language);
        if (summary) add('answer', summary);
        else rest[key] = value;
        break;
      }
      case 'unitCode':
        add('unit', typeof value === 'string' ? (names.unitName?.(value) ?? value) : undefined);
        break;
      case 'phase':
        add(
          'phase',
          typeof value === 'string' ? t(`cycles:phase.${value}`, { defaultValue: value }) : undefined,
        );
        break;
      case 'objectiveId':
        add('objective', typeof value === 'string' ? objectiveText(value, t) : undefined);
        break;
      case 'periodKey':
        add('period', typeof value === 'string' ? periodText(value, t) : undefined);
        break;
      case 'status':
      case 'statusBefore':
        add(key, typeof value === 'string' ? word(value, t) : undefined);
        break;
      case 'result':
        add('result', typeof value === 'string' ? word(value, t) : undefined);
        break;
      case 'documentNumber':
        add('documentNumber', String(value));
        break;
      case 'signingDate':
        add('signingDate', typeof value === 'string' ? formatDay(value, language) : undefined);
        break;
      case 'minutesRef':
        add('minutesRef', String(value));
        break;
      case 'paperReport': {
        // A report made on paper before qcycle asked for it: late or not by this day.
        const paper = value as { date?: unknown; reference?: unknown };
        if (typeof paper.date === 'string' && typeof paper.reference === 'string')
          add(
            'paperReport',
            t('tasks:measurement.paper.shown', {
              date: formatDay(paper.date, language),
              reference: paper.reference,
            }),
          );
        else rest[key] = value;
        break;
      }
      case 'year':
        add('year', String(value));
        break;
      case 'rounds':
      case 'steps':
      case 'actions':
      case 'nonconformities':
        if (typeof value === 'number') add(key, formatNumber(value, language));
        else if (Array.isArray(value)) add(key, formatNumber(value.length, language));
        else rest[key] = value;
        break;
      case 'delegations':
      case 'staffDelegations':
        if (Array.isArray(value)) add('delegations', formatNumber(value.length, language));
        else rest[key] = value;
        break;
      // An uploaded file, or one withdrawn as a signed copy: the file by its name (to download) and
      // size, the record it was added to.
      case 'fileName':
        if (fileEvent && typeof value === 'string' && typeof payload?.evidenceId === 'string')
          add(
            'file',
            <>
              <EvidenceLink reference={evidenceReferenceOf(payload.evidenceId)} fileName={value} />
              {typeof payload.size === 'number' && ` (${fileSizeText(payload.size, language)})`}
            </>,
          );
        else rest[key] = value;
        break;
      case 'evidenceId':
      case 'size':
        // Said with the file's name.
        if (!fileEvent) rest[key] = value;
        break;
      case 'recordType':
        if (fileEvent && typeof value === 'string') {
          const record = typeof payload?.recordKey === 'string' ? describeTask(payload.recordKey, t) : '';
          add(
            'record',
            [t(`tasks:history.record.${value}`, { defaultValue: value }), record].filter(Boolean).join(' · '),
          );
        } else rest[key] = value;
        break;
      case 'recordKey':
        // Said with its type, in words.
        if (!fileEvent) rest[key] = value;
        break;
      // A corrective action's round: its plan's due date, the verification's conclusion and notes.
      case 'round':
        if (typeof value === 'number') add('round', formatNumber(value, language));
        else rest[key] = value;
        break;
      case 'dueDate':
        add('dueDate', typeof value === 'string' ? formatDay(value, language) : undefined);
        break;
      case 'effective':
        if (typeof value === 'boolean')
          add(
            'verification',
            value ? t('tasks:history.answer.effective') : t('tasks:history.answer.notEffective'),
          );
        else rest[key] = value;
        break;
      case 'notes':
        add('notes', text(value));
        break;
      // A message about a task, and whom it was sent to.
      case 'text':
        if (type === 'task.commented') add('message', text(value));
        else rest[key] = value;
        break;
      // Whom a message went to; who was copied on an urge.
      case 'recipientUserIds':
      case 'copiedToUserIds':
        if (Array.isArray(value))
          add(
            key === 'recipientUserIds' ? 'recipients' : 'copiedTo',
            value.map((id) => person(id) ?? String(id)).join(', ') || undefined,
          );
        else rest[key] = value;
        break;
      // An urge's message; a review action's report's note.
      case 'note':
        add('note', text(value));
        break;
      // A nonconformity as it was opened (or carried in from last year).
      case 'severity':
        add('severity', typeof value === 'string' ? word(value, t) : undefined);
        break;
      case 'source':
        add(
          'source',
          typeof value === 'string'
            ? t(`cycles:nonconformities.sources.${value}`, { defaultValue: value })
            : undefined,
        );
        break;
      case 'verifierUserId':
        add('verifier', person(value));
        break;
      // The leader whose decision or minutes, signed on paper, the actor entered.
      case 'signedBy':
      case 'chairedBy':
        add(key, person(value));
        break;
      case 'waitingFor':
        add(
          'waitingFor',
          typeof value === 'string'
            ? t(`tasks:history.waitingFor.${value}`, { defaultValue: value })
            : undefined,
        );
        break;
      case 'stepsUnsigned':
        if (typeof value === 'number') add('stepsUnsigned', formatNumber(value, language));
        else if (Array.isArray(value)) add('stepsUnsigned', formatNumber(value.length, language));
        else rest[key] = value;
        break;
      default:
        rest[key] = value;
    }
  }
  return { facts, rest };
}

/**
 * The readable details of one event, with anything not named above behind a collapsed
 * "Technical details" disclosure. `omit` drops facts the caller already shows (e.g. the kind).
 */
export function EventDetails({
  type,
  payload,
  nameOf,
  unitName,
  omit = [],
}: {
  type: string;
  payload: Record<string, unknown> | null | undefined;
  omit?: string[];
} & EventNames) {
  const { t, i18n } = useTranslation('tasks');
  const indicatorName = useContext(IndicatorNames);
  const { facts, rest } = readableEvent(
    type,
    payload,
    { nameOf, unitName, indicatorName },
    t as Translate,
    i18n.language,
  );
  const shown = facts.filter((fact) => !omit.includes(fact.field));
  if (shown.length === 0 && Object.keys(rest).length === 0) return null;
  return (
    <div className="event-details">
      {shown.length > 0 && (
        <dl className="event-facts-list">
          {shown.map((fact, index) => (
            <div key={index} className="event-fact">
              <dt>{t(`history.field.${fact.field}`)}</dt>
              <dd>{fact.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {Object.keys(rest).length > 0 && (
        <details className="event-technical">
          <summary>{t('history.technical')}</summary>
          <ReadableValue value={rest} nameOf={nameOf} />
        </details>
      )}
    </div>
  );
}
