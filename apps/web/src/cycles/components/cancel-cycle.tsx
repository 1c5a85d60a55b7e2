import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { ReasonedAction } from './reasoned-action';

/**
 * The Quality Representative cancels a running cycle: its open tasks are cancelled and it is recorded
 * cancelled. A rehearsal, once cancelled, may then be discarded to start its year again.
 */
export function CancelCycle({
  cycleId,
  rehearsal,
  onCancelled,
}: {
  cycleId: string;
  rehearsal: boolean;
  onCancelled: () => void;
}) {
  const { t } = useTranslation('cycles');
  return (
    <ReasonedAction
      className="cancel-cycle"
      words={{
        title: t('cancel.title'),
        lead: rehearsal ? t('cancel.leadRehearsal') : t('cancel.lead'),
        reason: t('cancel.reason'),
        ask: t('cancel.ask'),
        confirmText: rehearsal ? t('cancel.confirmTextRehearsal') : t('cancel.confirmText'),
        confirm: t('cancel.confirm'),
        busy: t('cancel.cancelling'),
        done: t('cancel.done'),
        conflict: t('cancel.notRunning'),
        forbidden: t('cancel.forbidden'),
      }}
      submit={(reason) =>
        ok(api.POST('/api/v1/cycles/{cycleId}/cancel', { params: { path: { cycleId } }, body: { reason } }))
      }
      onDone={onCancelled}
    />
  );
}
