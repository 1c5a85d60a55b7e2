/**
 * Hands a file the API answered (fetched with the session's token, so not a plain link) to the
 * browser as a download under `name`.
 */
export function saveDownload(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The name the API gave the file (`content-disposition`: the exact UTF-8 name, else the ASCII one), or `fallback`. */
export function downloadName(headers: Headers, fallback: string): string {
  const header = headers.get('content-disposition');
  if (!header) return fallback;
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (exact) {
    try {
      return decodeURIComponent(exact);
    } catch {
      /* fall through to the ASCII name */
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}
