import { useTranslation } from 'react-i18next';
import type { FormIndicator, FormTarget } from '../task-types';
import { formatNumber } from './format';

/** The target as the decision states it: "trên 80%", "đạt tối thiểu 1". */
export function useTargetText() {
  const { t, i18n } = useTranslation('tasks');
  return (target: FormTarget | undefined, kind: FormIndicator['kind']) => {
    if (!target) return '';
    const unit = kind === 'ratio' ? '%' : '';
    return `${t(`comparator.${target.comparator}`)} ${formatNumber(target.value, i18n.language)}${unit}`;
  };
}
