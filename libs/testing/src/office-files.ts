import * as CFB from 'cfb';

/**
 * A Compound File ([MS-CFB]) holding these streams (path → size in bytes), written by SheetJS's
 * `cfb`, an implementation of its own: the container of Word and Excel 97–2003 files
 * (`/WordDocument`, `/Workbook`), of their macro projects (`/Macros/VBA/…`) and of PowerPoint's.
 */
export function compoundFile(streams: Record<string, number>): Buffer {
  const container = CFB.utils.cfb_new();
  for (const [path, size] of Object.entries(streams))
    CFB.utils.cfb_add(container, path, Buffer.alloc(size, path.length));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}
