import type { Locator, Page } from 'playwright-core';
import type { DemoOrganisation } from '../../api/support/demo-organisation';
import { vi } from './catalogue';

/**
 * What one person of `org` was asked to scan: the subjects of their notices `paper-to-scan`, newest
 * first (docs/notifications.md "The văn thư, of a signed paper to scan").
 */
export async function scansAskedOf(org: DemoOrganisation, local: string): Promise<string[]> {
  const { body } = await org.as<{ items: { reason: string; subject: string }[] }>(
    local,
    'GET',
    '/api/v1/me/notifications?limit=100',
  );
  return body.items.filter((item) => item.reason === 'paper-to-scan').map((item) => item.subject);
}

/**
 * On the year's documents page, once "Thêm bản đã ký (bản chụp)" is open on the row of `document`:
 * uploads the PDF scan `name` holding `text`, and waits until the page says it is uploaded. The
 * upload's group, to act on further (its "Xong").
 */
export async function uploadSignedCopy(
  page: Page,
  document: 'objectives-decision' | 'review-minutes',
  name: string,
  text: string,
): Promise<Locator> {
  const upload = page.getByRole('group', {
    name: vi('cycles:documents.addSignedCopyOf', { document: vi(`cycles:documents.type.${document}`) }),
  });
  await upload.getByLabel(vi('tasks:evidence.attach'), { exact: true }).setInputFiles({
    name,
    mimeType: 'application/pdf',
    buffer: Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`),
  });
  await upload.getByText(vi('tasks:evidence.uploaded', { name })).waitFor();
  return upload;
}
