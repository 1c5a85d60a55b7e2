import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, ok } from '../../api/client';
import { ReasonedAction } from './reasoned-action';

/** What the cycles page is told once a rehearsal was discarded: its year, free to start again. */
export interface DiscardedRehearsal {
  discardedYear: number;
}

/**
 * An ended rehearsal (closed, or cancelled) holds its year. The Quality Representative discards it —
 * its records are deleted, the discard itself is kept — and is taken to the cycles page, where the
 * year can be started again: the next class of a training, or the real year after rehearsing it.
 */
export function DiscardRehearsal({ cycleId, year }: { cycleId: string; year: number }) {
  const { t } = useTranslation('cycles');
  const navigate = useNavigate();
  return (
    <ReasonedAction
      className="discard-rehearsal"
      words={{
        title: t('discard.title'),
        lead: t('discard.lead', { year }),
        reason: t('discard.reason'),
        ask: t('discard.ask'),
        confirmText: t('discard.confirmText', { year }),
        confirm: t('discard.confirm'),
        busy: t('discard.discarding'),
        done: t('discard.done', { year }),
        conflict: t('discard.conflict'),
        forbidden: t('discard.forbidden'),
      }}
      submit={(reason) =>
        ok(api.POST('/api/v1/cycles/{cycleId}/discard', { params: { path: { cycleId } }, body: { reason } }))
      }
      onDone={() => navigate('/cycles', { state: { discardedYear: year } satisfies DiscardedRehearsal })}
    />
  );
}
