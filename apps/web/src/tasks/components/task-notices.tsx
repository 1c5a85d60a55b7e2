import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../../ui/page-title';

/** Another person's task: whose to ask, and the way back to one's own. */
export function NotYoursNotice() {
  const { t } = useTranslation('tasks');
  usePageTitle(t('notYours.title'));
  return (
    <section className="card task-notice-page" aria-labelledby="not-yours-title">
      <h1 id="not-yours-title">{t('notYours.title')}</h1>
      <p>{t('notYours.body')}</p>
      <p>{t('notYours.whoToAsk')}</p>
      <p className="actions">
        <Link className="button button-primary" to="/">
          {t('notYours.myTasks')}
        </Link>
      </p>
    </section>
  );
}

export function NotFoundNotice() {
  const { t } = useTranslation('tasks');
  usePageTitle(t('notFound.title'));
  return (
    <section className="card task-notice-page" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p className="actions">
        <Link className="button button-primary" to="/">
          {t('notYours.myTasks')}
        </Link>
      </p>
    </section>
  );
}
