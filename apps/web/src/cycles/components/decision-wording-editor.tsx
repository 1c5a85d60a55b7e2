import { useTranslation } from 'react-i18next';
import { AnswerText } from '../../tasks/components/form-fields';
import { ListEditor } from '../../tasks/components/list-editor';
import { oneTextForBoth } from '../../tasks/components/objectives-editor';
import { isAtOrUnder, type ProblemBook } from '../../tasks/components/problem-book';
import { WORDING_PATHS, type DraftWording, type WordingField } from '../decision-wording';

/**
 * What the decision says besides its objectives, edited before a year starts: where the system
 * applies ("áp dụng tại …", also Article 2's), the Quality Representative's title (Article 2 and 4),
 * the legal bases ("Căn cứ …") and the recipients ("Nơi nhận"). A template is a provincial
 * committee's, which a district's or a department's decision changes to its own; next year's copies
 * last year's, whose bases may cite a law replaced since. Each refusal of the draft's checker beside
 * its field; the scope's English follows its Vietnamese, as the objectives' texts do. A fold of its
 * own ("Căn cứ, phạm vi áp dụng và nơi nhận của quyết định"), open where a refusal names its words.
 */
export function DecisionWordingEditor({
  hint,
  wording,
  onChange,
  problems,
}: {
  /** Where this wording comes from (a template, last year's decision) and what to check in it. */
  hint: string;
  wording: DraftWording;
  onChange: (wording: DraftWording) => void;
  problems: ProblemBook;
}) {
  const { t } = useTranslation('cycles');
  return (
    // Rarely changed, so folded; opened where the draft's checker refused one of its words.
    <details
      className="task-details"
      open={
        problems.problems.some((p) => WORDING_PATHS.some((path) => isAtOrUnder(p.path, path))) || undefined
      }
    >
      <summary>{t('start.wording.title')}</summary>
      <p className="field-hint">{hint}</p>
      <AnswerText
        label={t('start.wording.scope')}
        hint={t('start.wording.scopeHint')}
        path="scope"
        problems={problems}
        shown={oneTextForBoth}
        value={wording.scope.vi}
        onChange={(vi) => onChange({ ...wording, scope: { vi, en: vi } })}
        required
      />
      <AnswerText
        label={t('start.wording.qualityRepresentativeTitle')}
        path="qualityRepresentativeTitle"
        problems={problems}
        value={wording.qualityRepresentativeTitle}
        onChange={(qualityRepresentativeTitle) => onChange({ ...wording, qualityRepresentativeTitle })}
        required
      />
      <ListEditor
        legend={t('start.wording.legalBases')}
        hint={t('start.wording.legalBasesHint')}
        itemLabel={(i) => t('start.wording.legalBasis', { number: i + 1 })}
        values={wording.legalBases}
        onChange={(legalBases) => {
          onChange({ ...wording, legalBases });
          problems.edit('legalBases');
        }}
        problems={problems.exact('legalBases')}
        problemsAt={(i) => problems.at(`legalBases[${i}]`)}
        multiline
        addLabel={t('start.wording.addLegalBasis')}
      />
      <ListEditor
        legend={t('start.wording.recipients')}
        hint={t('start.wording.recipientsHint')}
        itemLabel={(i) => t('start.wording.recipient', { number: i + 1 })}
        values={wording.recipients}
        onChange={(recipients) => {
          onChange({ ...wording, recipients });
          problems.edit('recipients');
        }}
        problems={problems.exact('recipients')}
        problemsAt={(i) => problems.at(`recipients[${i}]`)}
        addLabel={t('start.wording.addRecipient')}
      />
    </details>
  );
}

/**
 * The same words read as the decision prints them, for the leader who approves it (and the Quality
 * Representative reading the round's draft): where it applies, its legal bases ("Căn cứ …", word for
 * word), the Quality Representative's title and its recipients ("Nơi nhận", with the list's marks).
 */
export function DecisionWordingView({
  wording,
  changed = [],
}: {
  wording: DraftWording;
  /** The fields a revision changed since the draft last returned: marked beside their heading. */
  changed?: readonly WordingField[];
}) {
  const { t, i18n } = useTranslation('cycles');
  const scope = i18n.language === 'en' ? wording.scope.en || wording.scope.vi : wording.scope.vi;
  const last = wording.recipients.length - 1;
  const heading = (field: WordingField) => (
    <dt>
      {t(`start.wording.${field}`)}
      {changed.includes(field) && (
        <>
          {' '}
          <span className="badge badge-warn">{t('start.wording.changed')}</span>
        </>
      )}
    </dt>
  );
  return (
    <dl className="decision-wording-view">
      {heading('scope')}
      <dd>{scope}</dd>
      {heading('qualityRepresentativeTitle')}
      {/* Written in Vietnamese only, as the decision prints them. */}
      <dd lang="vi">{wording.qualityRepresentativeTitle}</dd>
      {heading('legalBases')}
      <dd lang="vi">
        <ul>
          {wording.legalBases.map((basis, i) => (
            <li key={i}>{basis}</li>
          ))}
        </ul>
      </dd>
      {heading('recipients')}
      <dd lang="vi">
        <ul>
          {wording.recipients.map((recipient, i) => (
            <li key={i}>
              - {recipient}
              {i === last ? '.' : ';'}
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}
