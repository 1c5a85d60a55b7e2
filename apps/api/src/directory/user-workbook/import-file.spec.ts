import { deflateRawSync } from 'node:zlib';
import { Workbook } from 'exceljs';
import { declaredUnpackedBytes, ImportFileUnreadable, readCsv, readImportFile } from './import-file';

describe('reading the file people are imported from', () => {
  it('reads a CSV saved by Excel as "CSV UTF-8": its byte-order mark, quotes, line breaks in a cell', async () => {
    const csv =
      '\ufeffHọ và tên,Email,Vai trò\r\n' +
      '"Phạm Thị Lan",lan.pt@kontum.gov.vn,"Trưởng đơn vị, Chuyên gia đánh giá nội bộ"\r\n' +
      '"Lê ""Bảy"" Văn",bay@kontum.gov.vn,"Chuyên viên\nVăn thư"\r\n';
    const tables = await readImportFile(Buffer.from(csv));
    expect(tables).toHaveLength(1);
    const [table] = tables;
    expect(table.sheet).toBeNull();
    expect(table.rows).toEqual([
      ['Họ và tên', 'Email', 'Vai trò'],
      ['Phạm Thị Lan', 'lan.pt@kontum.gov.vn', 'Trưởng đơn vị, Chuyên gia đánh giá nội bộ'],
      ['Lê "Bảy" Văn', 'bay@kontum.gov.vn', 'Chuyên viên\nVăn thư'],
    ]);
  });

  it('takes the separator the heading row uses: a semicolon from a PC whose decimal mark is the comma', () => {
    expect(readCsv(Buffer.from('Họ và tên;Email\nNguyễn Văn A;a@x.vn\n'))).toEqual([
      ['Họ và tên', 'Email'],
      ['Nguyễn Văn A', 'a@x.vn'],
    ]);
    expect(readCsv(Buffer.from('Họ và tên\tEmail\nNguyễn Văn A\ta@x.vn'))).toEqual([
      ['Họ và tên', 'Email'],
      ['Nguyễn Văn A', 'a@x.vn'],
    ]);
  });

  it('refuses a CSV in the old Vietnamese Windows code page, which would garble every name', async () => {
    // "Lê" in Windows-1258: 0xCA is Ê there, and no UTF-8 sequence.
    const cp1258 = Buffer.from([0x4c, 0xca, 0x2c, 0x61, 0x40, 0x78, 0x2e, 0x76, 0x6e, 0x0a]);
    await expect(readImportFile(cp1258)).rejects.toThrow(/UTF-8/);
  });

  it('reads an .xlsx: each sheet in order, an e-mail Excel linked as its text, row numbers as Excel shows them', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Danh bạ');
    sheet.getCell('A1').value = 'Họ và tên';
    sheet.getCell('B1').value = 'Email';
    sheet.getCell('A3').value = 'Phạm Thị Lan';
    sheet.getCell('B3').value = { text: 'lan.pt@kontum.gov.vn', hyperlink: 'mailto:lan.pt@kontum.gov.vn' };
    workbook.addWorksheet('Đơn vị').getCell('A1').value = 'Mã đơn vị';
    const [table, units] = await readImportFile(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(units).toEqual({ sheet: 'Đơn vị', rows: [['Mã đơn vị']] });
    expect(table.sheet).toBe('Danh bạ');
    expect(table.rows[0]).toEqual(['Họ và tên', 'Email']);
    expect(table.rows[1]).toEqual([]);
    expect(table.rows[2]).toEqual(['Phạm Thị Lan', 'lan.pt@kontum.gov.vn']);
  });

  it('refuses an old .xls, an empty body and a damaged workbook, each saying what to do', async () => {
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    await expect(readImportFile(xls)).rejects.toThrow(/\.xlsx/);
    await expect(readImportFile(Buffer.alloc(0))).rejects.toBeInstanceOf(ImportFileUnreadable);
    await expect(readImportFile(Buffer.from('PK\x03\x04 and nothing else', 'latin1'))).rejects.toThrow(
      /damaged/,
    );
  });

  it('refuses a workbook whose parts would unpack to more than a list of people, before unpacking it', async () => {
    const bomb = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(40 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(declaredUnpackedBytes(bomb)).toBe(40 * 1024 * 1024);
    await expect(readImportFile(bomb)).rejects.toThrow(/unpacks to too much/);
  });
});

/** A ZIP of one deflated entry, its sizes declared truly. */
function zipOf(name: string, content: Buffer): Buffer {
  const packed = deflateRawSync(content);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const directoryAt = local.length + nameBytes.length + packed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return Buffer.concat([local, nameBytes, packed, central, nameBytes, end]);
}
