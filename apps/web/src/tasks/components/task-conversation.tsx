import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { useRequestId } from '../../api/request-id';
import { formatInstant } from '../../ui/dates';
import { TextAreaField } from '../../ui/field';
import { useSubmission } from '../../ui/submission';
import type { TaskDetail } from '../task-types';

/** The longest message the API takes (libs/contracts TASK_COMMENT_MAX_LENGTH). */
const TEXT_MAX = 2000;

/**
 * "Trao đổi": what was written about this task, oldest first, and, while it is open, a message of
 * one's own (POST /tasks/{id}/comments) — the assignee asks how to go about it, the head of its
 * unit or the Quality Representative answers. Each message is in the task's history and mailed to
 * the others in the conversation; the page says to whom.
 */
export function TaskConversation({
  task,
  nameOf,
  mayWrite,
  onWritten,
}: {
  task: TaskDetail;
  nameOf: (userId: string) => string;
  /** Whether the reader writes here: the task is open, and they act in the organisation. */
  mayWrite: boolean;
  /** Told once the message is recorded: the page reads the task (and its history) again. */
  onWritten: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation('tasks');
  const [text, setText] = useState('');
  const [sentTo, setSentTo] = useState<string[] | null>(null);
  const requestId = useRequestId();
  const box = useRef<HTMLElement>(null);
  const { busy, problem, submit } = useSubmission(box, t('conversation.networkError'));
  const messages = task.history.filter((entry) => entry.type === 'task.commented');
  if (!mayWrite && messages.length === 0) return null;

  const send = submit(async () => {
    setSentTo(null);
    const body = { text: text.trim() };
    const answer = await ok(
      api.POST('/api/v1/tasks/{taskId}/comments', {
        params: { path: { taskId: task.id } },
        body,
        headers: { 'x-request-id': requestId.idFor({ taskId: task.id, ...body }) },
      }),
    );
    requestId.succeeded();
    setText('');
    setSentTo(answer.recipientUserIds);
    await onWritten();
  });
  const general = problem && problem.at('text').length === 0 ? problem : null;
  const names = (ids: unknown) =>
    Array.isArray(ids)
      ? ids
          .filter((id): id is string => typeof id === 'string')
          .map(nameOf)
          .join(', ')
      : '';

  return (
    <section ref={box} className="card task-conversation" aria-labelledby="conversation-title">
      <h2 id="conversation-title">{t('conversation.title')}</h2>
      {messages.length === 0 ? (
        <p className="muted">{t('conversation.none')}</p>
      ) : (
        <ol className="task-conversation-list">
          {messages.map((message, index) => {
            const payload = message.payload as { text?: unknown; recipientUserIds?: unknown };
            const to = names(payload.recipientUserIds);
            return (
              <li key={index}>
                <p className="task-conversation-meta">
                  <strong>{nameOf(message.actor)}</strong>{' '}
                  <time dateTime={message.occurredAt}>
                    {formatInstant(message.occurredAt, i18n.language)}
                  </time>
                </p>
                <p className="task-conversation-text">
                  {typeof payload.text === 'string' ? payload.text : ''}
                </p>
                {to && <p className="muted small">{t('conversation.sentTo', { names: to })}</p>}
              </li>
            );
          })}
        </ol>
      )}
      {sentTo && (
        <p className="notice notice-ok small" role="status">
          {sentTo.length > 0
            ? t('conversation.sent', { names: names(sentTo) })
            : t('conversation.sentToNobody')}
        </p>
      )}
      {general && (
        <p className="notice notice-error small" role="alert">
          {general.message || t('conversation.networkError')}
        </p>
      )}
      {mayWrite && (
        <form onSubmit={send} noValidate aria-label={t('conversation.formLabel')}>
          <TextAreaField
            label={t('conversation.text')}
            hint={t('conversation.hint', { max: TEXT_MAX })}
            problems={problem?.at('text')}
            value={text}
            disabled={busy}
            maxLength={TEXT_MAX}
            onChange={setText}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busy || text.trim() === ''}>
              {busy ? t('conversation.sending') : t('conversation.send')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
