/**
 * What reading an evidence file costs the server (docs/evidence.md): `EvidenceGate`, the stream
 * every upload passes through on its way to the store, over files of the shapes offices send, at
 * the largest size taken (20 MiB), in 64 KiB chunks as a network gives them. Beside each, measured in
 * the same run on the same bytes, the floors: a bare pass-through stream (what any upload costs) and,
 * where the file packs something the gate unpacks, zlib unpacking those bytes alone. Prints the
 * medians and the ratios; asserts only that every file was taken. Run with
 * `npm run bench -- evidence-gate` (`QCYCLE_BENCH_RUNS`, default 7, runs of each).
 */
import { randomBytes } from 'node:crypto';
import { PassThrough, Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { deflateRawSync, deflateSync, inflateRawSync, inflateSync } from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { compoundFile, workbookStream } from '@qcycle/testing';
import { EvidenceGate, kindsForFileName } from '../apps/api/src/evidence/evidence-file-type';
import { summary, timed } from './support/figures';

const MAX_BYTES = 20 * 1024 * 1024;
const CHUNK = 64 * 1024;
const RUNS = Number(process.env.QCYCLE_BENCH_RUNS ?? 7);

/** Random bytes, as a scan's or a photo's compressed data is to any reader. */
const noise = (bytes: number) => randomBytes(bytes);
/** A register's rows: text that deflates about tenfold, as a workbook's cells do. */
const rows = (bytes: number) => {
  const row = Buffer.from('000.00.12.H34-240105-0007;Nguyễn Văn A;05/01/2024;Đúng hạn;1;\n');
  return Buffer.concat(Array.from({ length: Math.ceil(bytes / row.length) }, () => row)).subarray(0, bytes);
};

interface Shape {
  name: string;
  fileName: string;
  bytes: Buffer;
  /** What the gate unpacks, packed as the file packs it: the floor of reading it. */
  unpack?: () => void;
}

async function shapes(): Promise<Shape[]> {
  // A scanned report: its pages' pictures in streams the gate skips, its objects compressed.
  const scan = await PDFDocument.create();
  for (let page = 0; page < 20; page++) scan.addPage().drawText(`Trang ${page + 1}`);
  const scanned = Buffer.from(await scan.save());
  const pictures = Array.from({ length: 19 }, (_, i) =>
    Buffer.concat([
      Buffer.from(
        `${1000 + i} 0 obj\n<< /Type /XObject /Subtype /Image /Filter /DCTDecode /Length ${1_000_000} >>\nstream\n`,
      ),
      noise(1_000_000),
      Buffer.from('\nendstream\nendobj\n'),
    ]),
  );
  // Spliced in before its end: the gate reads objects in file order and follows no cross-reference.
  const spliced = (objects: Buffer[]) => {
    const end = scanned.lastIndexOf('startxref');
    return Buffer.concat([scanned.subarray(0, end), ...objects, scanned.subarray(end)]);
  };
  const pdf = spliced(pictures);
  // A PDF whose dictionaries are all in object streams, many of them: a long form.
  const objectStreams = Array.from({ length: 2_000 }, (_, i) => {
    const packed = deflateSync(rows(8_000));
    return {
      packed,
      text: Buffer.concat([
        Buffer.from(
          `${2000 + i} 0 obj\n<< /Type /ObjStm /N 1 /First 10 /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`,
        ),
        packed,
        Buffer.from('\nendstream\nendobj\n'),
      ]),
    };
  });
  const formPdf = spliced(objectStreams.map((o) => o.text));

  const docx = await Packer.toBuffer(
    new Document({ sections: [{ children: [new Paragraph('Biên bản kiểm tra')] }] }),
  );
  // A report with its photos: media the gate does not unpack.
  const withPhotos = await JSZip.loadAsync(docx);
  for (let i = 0; i < 18; i++) withPhotos.file(`word/media/image${i + 1}.jpeg`, noise(1_000_000));
  const photos = await withPhotos.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 1 },
  });
  // A report embedding the register it rests on, an Excel 97–2003 workbook of 40 MB of rows.
  const workbook = compoundFile({
    '/Workbook': Buffer.concat([
      workbookStream([{ name: 'Sổ theo dõi', type: 'worksheet' }]),
      rows(40_000_000),
    ]),
  });
  const withWorkbook = await JSZip.loadAsync(docx);
  withWorkbook.file('word/embeddings/Microsoft_Excel_97-2003_Worksheet1.xls', workbook);
  const embedding = await withWorkbook.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  });
  const packedWorkbook = deflateRawSync(workbook, { level: 6 });
  // A register kept in Excel 97–2003: one stream of 20 MB.
  const xls = compoundFile({
    '/Workbook': Buffer.concat([
      workbookStream([{ name: 'Sổ theo dõi', type: 'worksheet' }]),
      rows(MAX_BYTES - 1_000_000),
    ]),
  });

  return [
    { name: 'scanned PDF (pictures)', fileName: 'ban-chup.pdf', bytes: pdf },
    {
      name: 'PDF, 2,000 object streams (16 MB)',
      fileName: 'bieu-mau.pdf',
      bytes: formPdf,
      unpack: () => objectStreams.forEach((o) => inflateSync(o.packed)),
    },
    { name: 'DOCX with photos', fileName: 'bao-cao-anh.docx', bytes: photos },
    {
      name: 'DOCX embedding a 40 MB workbook',
      fileName: 'bao-cao-so-lieu.docx',
      bytes: embedding,
      unpack: () => inflateRawSync(packedWorkbook, { maxOutputLength: 4 * MAX_BYTES }),
    },
    { name: 'XLS register', fileName: 'so-theo-doi.xls', bytes: xls },
  ];
}

/** Streams the bytes through `through` in 64 KiB chunks, as an upload arrives. */
async function streamThrough(bytes: Buffer, through: Transform) {
  const chunks = Array.from({ length: Math.ceil(bytes.length / CHUNK) }, (_, i) =>
    bytes.subarray(i * CHUNK, (i + 1) * CHUNK),
  );
  await pipeline(Readable.from(chunks), through, new PassThrough().resume());
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

describe('evidence gate: what reading an upload costs', () => {
  it('reads files of the shapes offices send, beside a bare stream and zlib on the same bytes', async () => {
    const lines: string[] = [];
    for (const shape of await shapes()) {
      const gate: number[] = [];
      const bare: number[] = [];
      const unpack: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        // Alternated, so that a stall of the machine falls on both.
        await timed(bare, () => streamThrough(shape.bytes, new PassThrough()));
        const filter = new EvidenceGate(kindsForFileName(shape.fileName), MAX_BYTES);
        await timed(gate, () => streamThrough(shape.bytes, filter));
        expect(filter.kind).toBeDefined();
        if (shape.unpack) await timed(unpack, async () => shape.unpack?.());
      }
      const p50 = (samples: number[]) => Number(summary(samples).p50);
      lines.push(
        `  ${shape.name.padEnd(34)} ${mib(shape.bytes.length).padStart(5)} MiB  gate p50 ${p50(gate).toFixed(1).padStart(6)} ms` +
          `  bare stream ${p50(bare).toFixed(1).padStart(5)} ms (×${(p50(gate) / p50(bare)).toFixed(1)})` +
          (unpack.length
            ? `  zlib alone ${p50(unpack).toFixed(1).padStart(5)} ms (×${(p50(gate) / p50(unpack)).toFixed(2)})`
            : ''),
      );
    }
    console.log([`evidence-gate: ${RUNS} runs of each, 64 KiB chunks`, ...lines].join('\n'));
  });
});
