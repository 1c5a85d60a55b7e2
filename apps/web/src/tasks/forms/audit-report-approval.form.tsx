import { type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import { AnswerText } from '../components/form-fields';
import { usePeople } from '../components/people';
import { ChoiceForm, DecisionChoices, GiveBackChoice } from '../components/decision-choices';
import { SubmitButton } from '../components/submit-button';
import { formOf, type TaskFormProps } from './form-props';

/**
 * The Quality Representative (or the leader): the lead auditor's report as submitted, then approve
 * it — which closes the audit — or return it with comments for the lead auditor to revise.
 */
export function AuditReportApprovalForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t } = useTranslation('tasks');
  const form = formOf<{ round: number; report: string; submittedBy: string; nonconformities: number }>(task);
  const { nameOf } = usePeople();
  const [approveComments, setApproveComments] = useDraft(task.id, 'approveComments', '');
  const [returnComments, setReturnComments] = useDraft(task.id, 'returnComments', '');

  const approve = (event: FormEvent) => {
    event.preventDefault();
    const comments = approveComments.trim();
    onSubmit({ decision: 'approve', ...(comments ? { comments } : {}) });
  };
  const giveBack = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ decision: 'return', comments: returnComments.trim() });
  };

  return (
    <div className="task-form">
      {form.round !== undefined && (
        <p className="muted">{t('auditReportApproval.round', { round: form.round })}</p>
      )}
      <section aria-labelledby="audit-report-title">
        <h3 id="audit-report-title">{t('auditReportApproval.reportTitle')}</h3>
        {form.submittedBy && (
          <p className="muted">{t('auditReportApproval.submittedBy', { name: nameOf(form.submittedBy) })}</p>
        )}
        {form.nonconformities !== undefined && (
          <p>{t('auditReportApproval.nonconformities', { count: form.nonconformities })}</p>
        )}
        <p style={{ whiteSpace: 'pre-wrap' }}>{form.report}</p>
      </section>
      <DecisionChoices problems={problems}>
        <ChoiceForm
          id="audit-report-approve-title"
          title={t('auditReportApproval.approveTitle')}
          tone="approve"
          onSubmit={approve}
        >
          <AnswerText
            label={t('auditReportApproval.approveComments')}
            path="comments"
            problems={problems}
            value={approveComments}
            onChange={setApproveComments}
            multiline
          />
          <SubmitButton busy={busy} label={t('auditReportApproval.approve')} />
        </ChoiceForm>
        <GiveBackChoice
          id="audit-report-return-title"
          title={t('auditReportApproval.returnTitle')}
          label={t('auditReportApproval.comments')}
          hint={t('auditReportApproval.commentsHint')}
          path="comments"
          problems={problems}
          value={returnComments}
          onChange={setReturnComments}
          busy={busy}
          submitLabel={t('auditReportApproval.return')}
          onSubmit={giveBack}
        />
      </DecisionChoices>
    </div>
  );
}
