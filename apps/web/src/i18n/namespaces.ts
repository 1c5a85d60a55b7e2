// Every namespace of the UI. A namespace is one JSON file per language; catalogues.spec.ts checks
// that both languages have exactly the same keys.
export type Language = 'vi' | 'en';
export const NAMESPACES = ['common', 'tasks', 'cycles', 'directory', 'notifications', 'calendar'] as const;
export type Namespace = (typeof NAMESPACES)[number];
export type Catalogue = Record<Namespace, Record<string, unknown>>;
