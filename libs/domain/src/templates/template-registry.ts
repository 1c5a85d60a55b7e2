import { cloneCycleDraft } from '../cycle-draft';
import type { CycleDraft } from '../cycle-draft';
import { UnknownTemplateError } from '../domain-error';
import type { LocalizedText } from '../localized-text';
import { KONTUM_2024_TEMPLATE } from './kontum-2024.template';

/** A ready-made draft the Quality Representative can start a year from. */
export interface CycleTemplate {
  id: string;
  title: LocalizedText;
  draft: CycleDraft;
}

export const TEMPLATES: readonly CycleTemplate[] = Object.freeze([
  {
    id: 'kontum-2024',
    title: {
      vi: 'Mục tiêu chất lượng năm 2024 — UBND tỉnh Kon Tum và Văn phòng UBND tỉnh',
      en: "2024 quality objectives — Kon Tum Provincial People's Committee and its Office",
    },
    draft: KONTUM_2024_TEMPLATE,
  },
]);

/** A fresh, editable copy of a template's draft; throws {@link UnknownTemplateError} for an unknown id. */
export function loadTemplate(id: string): CycleDraft {
  const template = TEMPLATES.find((candidate) => candidate.id === id);
  if (!template) throw new UnknownTemplateError(id);
  return cloneCycleDraft(template.draft);
}
