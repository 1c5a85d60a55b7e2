import type { Locator, Page } from 'playwright-core';
import { vi } from './catalogue';

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
