import { useTranslation } from 'react-i18next';

interface SchemaNode {
  title?: string;
  description?: string;
  'x-en'?: { title?: string; description?: string };
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  enum?: unknown[];
}

function find(node: SchemaNode | undefined, names: string[]): SchemaNode | undefined {
  if (!node) return undefined;
  if (names.length === 0) return node;
  const [name, ...rest] = names;
  if (name === '[]') return find(node.items, rest);
  const direct = node.properties?.[name];
  if (direct) return find(direct, rest);
  for (const branch of [...(node.oneOf ?? []), ...(node.allOf ?? [])]) {
    const found = find(branch, names);
    if (found) return found;
  }
  return undefined;
}

/**
 * Field titles and help texts from the answer's JSON Schema (TaskDetailView.outcomeSchema), in the
 * current language; the catalogue's text when the schema says nothing. Path: `steps.[].clause`.
 */
export function useSchemaText(schema: unknown) {
  const { i18n } = useTranslation('tasks');
  const en = i18n.language === 'en';
  const node = (path: string) => find(schema as SchemaNode, path.split('.'));
  return {
    label(path: string, fallback: string): string {
      const found = node(path);
      return (en ? found?.['x-en']?.title : found?.title) || fallback;
    },
    hint(path: string, fallback?: string): string | undefined {
      const found = node(path);
      return (en ? found?.['x-en']?.description : found?.description) || fallback;
    },
  };
}
