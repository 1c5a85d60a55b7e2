/**
 * User-facing text in both languages the product speaks: Vietnamese is the default and the legal
 * wording; English is shown on request.
 */
export interface LocalizedText {
  vi: string;
  en: string;
}

export type Language = keyof LocalizedText;
