import i18next from 'i18next';
import { catalogues } from '../i18n/catalogues';
import { setUpCatalogues } from '../i18n/setup';
import type { Notification } from './notifications-data';
import { notificationText } from './notification-text';

/** The app's catalogues and formats on an instance of their own, as `initI18n` sets them up. */
async function translators() {
  const instance = i18next.createInstance();
  await setUpCatalogues(instance, catalogues);
  return { vi: instance.getFixedT('vi', 'notifications'), en: instance.getFixedT('en', 'notifications') };
}

/** A notice as the API lists it, sent in Vietnamese. */
const notice = (fields: Partial<Notification>): Notification => ({
  id: 'n-1',
  taskId: 'evidence-erased/f-1',
  cycleId: 'kontum-2024',
  reason: 'evidence-erased',
  subject: '[qcycle] Nội dung tệp minh chứng đã bị xóa: Hành động khắc phục: Sổ không cập nhật',
  calendarEntry: false,
  deadlineStillYours: false,
  createdAt: '2024-05-03T02:15:00.000Z',
  readAt: null,
  ...fields,
});

const erasedFile = {
  fileName: 'Sổ theo dõi.pdf',
  erasedByName: 'Trần Quốc Việt',
  erasedAt: '2024-05-03T02:15:00.000Z',
  reason: 'Có số điện thoại cá nhân',
};

describe('what a notice in the bell is about, in the reader’s language', () => {
  it('names a file erased from a corrective action’s record by the action, not by the mail’s subject', async () => {
    const t = await translators();
    const onAction = notice({ erasedFile: { ...erasedFile, finding: 'Sổ không cập nhật' } });
    expect(notificationText(onAction, 'vi', t.vi)).toBe('Hành động khắc phục: Sổ không cập nhật');
    expect(notificationText(onAction, 'en', t.en)).toBe('Corrective action: Sổ không cập nhật');
  });

  it('names a task’s notice by its task, and a notice about nothing the API names by its subject', async () => {
    const t = await translators();
    const onTask = notice({
      taskTitle: {
        vi: 'Phê duyệt mục tiêu chất lượng năm 2024 (lần 1)',
        en: 'Approve the 2024 quality objectives (round 1)',
      },
      erasedFile,
    });
    expect(notificationText(onTask, 'en', t.en)).toBe('Approve the 2024 quality objectives (round 1)');
    expect(notificationText(notice({}), 'en', t.en)).toBe(
      'Nội dung tệp minh chứng đã bị xóa: Hành động khắc phục: Sổ không cập nhật',
    );
  });
});
