// Both languages' catalogues at once, for the unit tests. The app loads Vietnamese with its first
// page and English only when it is chosen (./index.ts), so it never imports this module.
import { en } from './en';
import type { Catalogue, Language } from './namespaces';
import { vi } from './vi';

export { NAMESPACES, type Language, type Namespace } from './namespaces';

export const catalogues: Record<Language, Catalogue> = { vi, en };
