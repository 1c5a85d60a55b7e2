import type { Request } from 'express';
import type { ErrorLanguage } from '@qcycle/contracts';

/**
 * The language to answer a caller in: the first of Accept-Language's languages (by q-value) that
 * qcycle speaks — the web app sends its interface language there —, else the signed-in user's
 * locale (PATCH /auth/me), else Vietnamese, the language of the people who use qcycle.
 */
export function callerLanguage(request: Request): ErrorLanguage {
  return acceptedLanguage(request.header('accept-language')) ?? request.principal?.locale ?? 'vi';
}

function acceptedLanguage(header: string | undefined): ErrorLanguage | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...parameters] = part.trim().toLowerCase().split(';');
      const q = parameters.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: tag.split('-')[0], quality: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  const spoken = ranked.find((entry) => entry.language === 'vi' || entry.language === 'en');
  return spoken?.language as ErrorLanguage | undefined;
}
