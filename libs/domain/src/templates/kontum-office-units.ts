import type { OrganisationUnit } from '../cycle-draft';

/**
 * Divisions and units of the Office of the Kon Tum Provincial People's Committee that own
 * objectives in the template. ILLUSTRATIVE: the names follow the usual structure of a provincial
 * Office but are not taken from Kon Tum's organisational decision; an administrator replaces them
 * with the organisation's real units before the first cycle.
 */
export const KONTUM_OFFICE_UNITS: readonly OrganisationUnit[] = [
  {
    code: 'vp-hanhchinh-tochuc',
    name: { vi: 'Phòng Hành chính - Tổ chức', en: 'Administration and Personnel Division' },
  },
  { code: 'vp-tonghop', name: { vi: 'Phòng Tổng hợp', en: 'General Affairs Division' } },
  {
    code: 'vp-kiemsoat-tthc',
    name: { vi: 'Phòng Kiểm soát thủ tục hành chính', en: 'Administrative Procedure Control Division' },
  },
  {
    code: 'vp-ttpvhcc',
    name: { vi: 'Trung tâm Phục vụ hành chính công', en: 'Public Administrative Service Centre' },
  },
  { code: 'vp-kinhte', name: { vi: 'Phòng Kinh tế', en: 'Economic Affairs Division' } },
  {
    code: 'vp-khoagiao-vanxa',
    name: { vi: 'Phòng Khoa giáo - Văn xã', en: 'Education, Culture and Social Affairs Division' },
  },
];
