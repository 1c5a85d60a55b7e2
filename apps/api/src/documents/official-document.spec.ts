import { canonicalJson } from './document-register.service';
import { fixZipTimes } from './official-document.docx';
import {
  asDraft,
  asRehearsal,
  documentFileBaseName,
  ownLeadership,
  pageMarks,
  placeOfIssue,
  recipientLines,
  REHEARSAL_MARK,
  safeFileBaseName,
  vietnameseDate,
  type OfficialDocument,
} from './official-document';
import { fixPdfDates } from './pdf-printer';

describe('official document helpers', () => {
  it('writes dates as Decree 30 does: a leading zero on days below 10 and on months 1 and 2 only', () => {
    expect(vietnameseDate('2024-01-05')).toBe('ngày 05 tháng 01 năm 2024');
    expect(vietnameseDate('2014-03-05')).toBe('ngày 05 tháng 3 năm 2014');
    expect(vietnameseDate('2019-11-22')).toBe('ngày 22 tháng 11 năm 2019');
    expect(() => vietnameseDate('22/11/2019')).toThrow();
  });

  it('names files in ASCII from the number and symbol: Đ becomes D, the year last', () => {
    expect(documentFileBaseName('123/QĐ-UBND', 2024)).toBe('QD-123-UBND-2024');
    expect(documentFileBaseName('05/QĐ-VP', 2025)).toBe('QD-05-VP-2025');
    expect(safeFileBaseName('Kế hoạch đánh giá / 2024')).toBe('Ke-hoach-danh-gia-2024');
  });

  it('ends every recipient with ";" and the last with "."', () => {
    expect(recipientLines(['Như Điều 4', 'Lưu: VT, ISO'])).toEqual(['- Như Điều 4;', '- Lưu: VT, ISO.']);
  });

  it('dates a local body’s documents with its own unit: the province, the district, the commune', () => {
    expect(placeOfIssue('Ủy ban nhân dân tỉnh Kon Tum')).toBe('Kon Tum');
    expect(placeOfIssue('Ủy ban nhân dân thành phố Đà Nẵng')).toBe('Đà Nẵng');
    expect(placeOfIssue('Sở Khoa học và Công nghệ tỉnh Kon Tum')).toBe('Kon Tum');
    expect(placeOfIssue('Ủy ban nhân dân huyện Đắk Hà')).toBe('Đắk Hà');
    expect(placeOfIssue('Ủy ban nhân dân thị xã Buôn Hồ')).toBe('Buôn Hồ');
    expect(placeOfIssue('Ủy ban nhân dân xã Ngọc Bay')).toBe('Ngọc Bay');
    expect(placeOfIssue('Ủy ban nhân dân đặc khu Lý Sơn')).toBe('Lý Sơn');
    // A unit named by its number keeps its kind.
    expect(placeOfIssue('Ủy ban nhân dân phường 3')).toBe('Phường 3');
    expect(placeOfIssue('Ủy ban nhân dân quận 1')).toBe('Quận 1');
    expect(placeOfIssue('Văn phòng Chính phủ')).toBe('Văn phòng Chính phủ');
  });

  it('sends to the body’s own leaders by its level', () => {
    expect(ownLeadership('Ủy ban nhân dân tỉnh Kon Tum')).toBe('Lãnh đạo UBND tỉnh');
    expect(ownLeadership('Ủy ban nhân dân thành phố Đà Nẵng')).toBe('Lãnh đạo UBND thành phố');
    expect(ownLeadership('Ủy ban nhân dân xã Ngọc Bay')).toBe('Lãnh đạo UBND xã');
    expect(ownLeadership('Ủy ban nhân dân phường 3')).toBe('Lãnh đạo UBND phường');
    expect(ownLeadership('Sở Khoa học và Công nghệ tỉnh Kon Tum')).toBe('Lãnh đạo cơ quan');
  });

  it('hashes the same content the same way whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
  });

  it('replaces the print time of a PDF in place, same length', () => {
    const pdf = Buffer.from(
      "<</CreationDate (D:20261130054645+00'00')\n/ModDate (D:20261130054645+00'00')>>",
      'latin1',
    );
    const fixed = fixPdfDates(pdf, '2024-01-15');
    expect(fixed.length).toBe(pdf.length);
    expect(fixed.toString('latin1')).toBe(
      "<</CreationDate (D:20240115000000+00'00')\n/ModDate (D:20240115000000+00'00')>>",
    );
  });

  it('marks a draft on every page with the day its figures run to, under a rehearsal’s mark, and names it so', () => {
    const report: OfficialDocument = {
      fileBaseName: 'BC-MTCL-2024',
      properties: { title: 'Báo cáo', subject: '', author: '', date: '2024-11-05' },
      header: { issuingBody: ['ỦY BAN NHÂN DÂN'], place: 'Kon Tum', date: '2024-11-05' },
      documentType: 'BÁO CÁO',
      summary: [],
      preamble: [],
      body: [],
    };
    expect(pageMarks(report)).toEqual([]);
    expect(asDraft(report)).toMatchObject({ fileBaseName: 'BC-MTCL-2024-DU-THAO', draft: true });
    expect(asDraft(report).properties.title).toBe('Báo cáo (dự thảo)');
    expect(pageMarks(asDraft(report))).toEqual(['DỰ THẢO - SỐ LIỆU TÍNH ĐẾN NGÀY 05/11/2024']);
    const rehearsalDraft = asDraft(asRehearsal(report));
    expect(rehearsalDraft.fileBaseName).toBe('BC-MTCL-2024-DIEN-TAP-DU-THAO');
    expect(pageMarks(rehearsalDraft)).toEqual([REHEARSAL_MARK, 'DỰ THẢO - SỐ LIỆU TÍNH ĐẾN NGÀY 05/11/2024']);
  });

  it('refuses what is not a zip when fixing its time stamps', () => {
    expect(() => fixZipTimes(Buffer.from('not a zip'), '2024-01-15')).toThrow(/zip/);
  });
});
