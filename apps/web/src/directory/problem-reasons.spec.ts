import { catalogues } from '../i18n/catalogues';
import { localiseReason } from './problem-reasons';

/** `t` over one language's directory catalogue, with {{name}} interpolation, failing on a missing key. */
function translator(language: 'vi' | 'en') {
  return (key: string, values: Record<string, unknown>) => {
    const text = key
      .split('.')
      .reduce<unknown>(
        (node, part) => (node as Record<string, unknown>)?.[part],
        catalogues[language].directory,
      );
    if (typeof text !== 'string') throw new Error(`no ${language} text for ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
  };
}

describe("the directory's refusals in the reader's language", () => {
  // The API's own wording: class-validator messages and the directory service's field reasons.
  it.each([
    ['email must be an email', 'Thư điện tử không hợp lệ.'],
    ['password must be longer than or equal to 12 characters', 'Cần ít nhất 12 ký tự.'],
    ['fullName must be longer than or equal to 1 characters', 'Vui lòng nhập thông tin này.'],
    ['fullName must be shorter than or equal to 200 characters', 'Tối đa 200 ký tự.'],
    [
      'code must be lower-case letters, digits and dashes (2–60)',
      'Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối (ví dụ vp-tonghop).',
    ],
    ['no unit vp-khong-co in your organisation', 'Không có đơn vị vp-khong-co trong tổ chức.'],
    [
      'a unit-head role needs the unit it leads',
      'Vai trò Trưởng đơn vị cần chọn đơn vị mà người này lãnh đạo.',
    ],
    [
      'only a unit-head role has a unit; staff is organisation-wide',
      'Chỉ vai trò Trưởng đơn vị mới gắn với một đơn vị.',
    ],
    [
      'vp-a is vp-b or lies under it: units cannot form a loop',
      'Không thể đặt đơn vị trực thuộc chính nó hoặc một đơn vị cấp dưới của nó.',
    ],
    ['certificate must not be blank', 'Vui lòng nhập thông tin này.'],
    ['issuedOn must be a date YYYY-MM-DD', 'Vui lòng chọn một ngày.'],
    ['2031-01-05 has not come yet (today is 2026-12-03)', 'Ngày cấp không thể sau hôm nay.'],
    ['2023-02-30 is not a day of the calendar', 'Lịch không có ngày này.'],
  ])('%s', (reason, vietnamese) => {
    expect(localiseReason(translator('vi'), reason)).toBe(vietnamese);
    expect(() => localiseReason(translator('en'), reason)).not.toThrow();
  });

  it('shows a reason it does not know as the API wrote it', () => {
    expect(localiseReason(translator('vi'), 'something new')).toBe('something new');
  });
});
