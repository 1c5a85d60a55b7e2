import { createHash } from 'node:crypto';
import { Workbook } from 'exceljs';
import { qualityCycleId } from '@qcycle/contracts';
import { addDays, instantToVnLocal } from '@qcycle/domain';
import { eventually, uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import type { OutgoingRegister } from '../../apps/api/src/documents/outgoing-register.service';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation } from '../api/support/demo-organisation';
import { undocumentedAnswers } from '../api/support/openapi-coverage';
import { download as fetchDownload } from './support/document-download';
import { docxParts, normalise, pdfText } from './support/document-text';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Entry {
  id: string;
  type: string;
  number: string;
  issuedOn: string;
  pdfSha256: string;
  docxSha256: string;
  dispatchSymbol: string | null;
  dispatchNumber: string | null;
  dispatchedOn: string | null;
  dispatchedBy: string | null;
  dispatchRecordedAt: string | null;
}

interface Refusal {
  code: string;
  message: string;
  details?: { fields?: Record<string, string[]>; reason?: string };
}

interface LoggedEvent {
  id: string;
  type: string;
  actor: string;
  requestId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Numbering on sending (docs/documents.md): the Quality Representative records the number and date
 * the clerical office gave a version printed with a blank `Số:` line, over HTTP, on a Kon Tum 2024
 * rehearsal the real worker runs up to the leader's approval (Temporal dev server, chromium), on
 * PostgreSQL and SQLite: the objectives report issued by the Quality Representative takes
 * `…/BC-UBND`; the decision, its plan and a nonconformity form take none.
 */
describe.each<TestDatabaseKind>(['postgres', 'sqlite'])(
  'the number and date given on sending (real API, worker, Temporal dev server, %s, chromium)',
  (database) => {
    let suite: ApiSuite;
    let org: DemoOrganisation;
    let otherOrg: DemoOrganisation;
    let report: Entry;
    let files: { pdf: string; docx: string };
    const organisationCode = `sv-${uniqueSuffix()}`;
    const cycleId = qualityCycleId(organisationCode, 2024);
    const dispatchOf = (id: string) => `/api/v1/documents/${encodeURIComponent(id)}/dispatch`;
    const today = () => instantToVnLocal(new Date().toISOString()).date;

    beforeAll(async () => {
      suite = await startApiSuite({ worker: true, database });
      org = await suite.seedDemoOrganisation(organisationCode);
      otherOrg = await suite.seedDemoOrganisation(`so-${uniqueSuffix()}`);
      for (const local of ['qmr', 'leader', 'staff.tthc', 'head.tthc', 'auditor.hcth'])
        await org.tokenOf(local);
      await otherOrg.tokenOf('qmr');
      await org.startApprovedRehearsal({ documentNumber: '123/QĐ-UBND', signingDate: '2024-01-15' });
      await org.waitForTask('qmr', 'assignment-acceptance');
      // The decision and its plan are registered at approval; the objectives report when issued.
      await eventually('the decision and its plan registered', async () =>
        (await register()).length === 2 ? true : undefined,
      );
      const issued = await org.as<Entry>('qmr', 'POST', `/api/v1/cycles/${cycleId}/report/issue`);
      expect(issued.status).toBe(200);
      report = issued.body;
      const [pdf, docx] = await Promise.all([fileOf(report.id, PDF), fileOf(report.id, DOCX)]);
      files = { pdf, docx };
      expect(files).toEqual({ pdf: report.pdfSha256, docx: report.docxSha256 });
    });

    afterAll(() => suite?.close());

    async function register(): Promise<Entry[]> {
      const listed = await org.as<{ items: Entry[] }>('qmr', 'GET', `/api/v1/documents?cycleId=${cycleId}`);
      expect(listed.status).toBe(200);
      return listed.body.items;
    }

    /** What is still to be numbered, as My tasks asks for it: every page of it, with its total. */
    async function awaitingNumber(): Promise<{ ids: string[]; total: number }> {
      const listed = await org.as<{ items: Entry[]; total: number }>(
        'vanthu',
        'GET',
        `/api/v1/documents?awaitingNumber=true&cycleId=${cycleId}&limit=100`,
      );
      expect(listed.status).toBe(200);
      return { ids: listed.body.items.map((entry) => entry.id), total: listed.body.total };
    }

    async function entryOf(id: string): Promise<Entry> {
      const listed = (await register()).find((entry) => entry.id === id);
      const one = await org.as<Entry>('leader', 'GET', `/api/v1/documents/${encodeURIComponent(id)}`);
      expect(one.status).toBe(200);
      // The list and the entry say the same.
      expect(listed).toEqual(one.body);
      return one.body;
    }

    async function fileOf(id: string, accept: string): Promise<string> {
      const answer = await fetchDownload(suite.http, org, 'qmr', `/api/v1/documents/${id}`, accept);
      expect(answer.status).toBe(200);
      return sha256(answer.bytes);
    }

    async function dispatchEvents(): Promise<LoggedEvent[]> {
      const page = await org.as<{ items: LoggedEvent[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/events?type=document.dispatched&limit=100`,
      );
      expect(page.status).toBe(200);
      return page.body.items;
    }

    const put = (local: string, id: string, body: unknown, requestId?: string, via = org) =>
      via.tokenOf(local).then((token) =>
        suite.http.call<Refusal & Entry>('PUT', dispatchOf(id), {
          token,
          body,
          ...(requestId ? { headers: { 'x-request-id': requestId } } : {}),
        }),
      );

    it('lists the symbol each version takes on sending, and no number given yet', async () => {
      const byType = Object.fromEntries((await register()).map((entry) => [entry.type, entry]));
      expect({
        decision: byType['objectives-decision'].dispatchSymbol,
        plan: byType['objectives-plan'].dispatchSymbol,
        report: byType['objectives-report'].dispatchSymbol,
      }).toEqual({ decision: null, plan: null, report: '/BC-UBND' });
      expect(byType['objectives-report']).toMatchObject({
        number: '',
        dispatchNumber: null,
        dispatchedOn: null,
        dispatchedBy: null,
      });
      // Still to be numbered: the report alone (the decision and its plan carry theirs).
      expect(await awaitingNumber()).toEqual({ ids: [report.id], total: 1 });
      // Asked for in any other words, it is refused by name.
      const refused = await org.as<Refusal>('vanthu', 'GET', '/api/v1/documents?awaitingNumber=yes');
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.details?.fields ?? {})).toEqual(['awaitingNumber']);
    });

    it('refuses a number not of the version’s symbol with 422 naming number, and records nothing', async () => {
      for (const number of [
        '15/KH-UBND',
        '15/QĐ-UBND',
        '/BC-UBND',
        '15 /BC-UBND',
        '0/BC-UBND',
        'BC-UBND',
        '',
      ])
        expect(
          await put('qmr', report.id, { number, dispatchedOn: report.issuedOn }).then((a) => ({
            number,
            status: a.status,
            code: a.body.code,
            fields: Object.keys(a.body.details?.fields ?? {}),
          })),
        ).toEqual({ number, status: 422, code: 'RULE_VIOLATED', fields: ['number'] });
      expect((await entryOf(report.id)).dispatchNumber).toBeNull();
      expect(await dispatchEvents()).toEqual([]);
    });

    it('refuses a day not a calendar day, before the document’s date or after today with 422 naming dispatchedOn', async () => {
      for (const dispatchedOn of [addDays(today(), 1), addDays(report.issuedOn, -1), '2024-02-30'])
        expect(
          await put('qmr', report.id, { number: '15/BC-UBND', dispatchedOn }).then((a) => ({
            dispatchedOn,
            status: a.status,
            fields: Object.keys(a.body.details?.fields ?? {}),
          })),
        ).toEqual({ dispatchedOn, status: 422, fields: ['dispatchedOn'] });
      // Malformed: the schema's pattern, 400 naming it.
      const malformed = await put('qmr', report.id, { number: '15/BC-UBND', dispatchedOn: '20/12/2024' });
      expect([malformed.status, Object.keys(malformed.body.details?.fields ?? {})]).toEqual([
        400,
        ['dispatchedOn'],
      ]);
      expect((await entryOf(report.id)).dispatchNumber).toBeNull();
    });

    it('refuses the decision and its plan (numbered when issued) and a nonconformity form (no number) with 409', async () => {
      const entries = await register();
      for (const type of ['objectives-decision', 'objectives-plan']) {
        const entry = entries.find((e) => e.type === type)!;
        const refused = await put('qmr', entry.id, { number: '15/QĐ-UBND', dispatchedOn: entry.issuedOn });
        expect([type, refused.status, refused.body.code, refused.body.details?.reason]).toEqual([
          type,
          409,
          'CONFLICT',
          'numbered-when-issued',
        ]);
        expect(refused.body.message).toContain('123/QĐ-UBND');
      }
      // A complaint the Quality Representative opens; its form registered when downloaded.
      const list = `/api/v1/cycles/${cycleId}/nonconformities`;
      const opened = await org.as<{ id: string }>('qmr', 'POST', list, {
        source: 'complaint',
        description: 'Công dân phản ánh hồ sơ bị trả lại mà không nêu lý do',
        unitCode: 'vp-kiemsoat-tthc',
        severity: 'minor-nc',
        verifierUserId: org.idOf('auditor.hcth'),
      });
      expect(opened.status).toBe(201);
      await eventually('the nonconformity form', async () => {
        const form = await fetchDownload(
          suite.http,
          org,
          'qmr',
          `${list}/${encodeURIComponent(opened.body.id)}`,
          PDF,
        );
        return form.status === 200 ? true : undefined;
      });
      const form = (await register()).find((e) => e.type === 'nonconformity-report')!;
      expect(form.dispatchSymbol).toBeNull();
      // Unnumbered, and not awaiting a number: a record of the QMS, no outgoing document.
      expect((await awaitingNumber()).ids).not.toContain(form.id);
      const refused = await put('qmr', form.id, { number: '1/PH-UBND', dispatchedOn: form.issuedOn });
      expect([refused.status, refused.body.code, refused.body.details?.reason]).toEqual([
        409,
        'CONFLICT',
        'takes-no-number',
      ]);
      expect(await dispatchEvents()).toEqual([]);
    });

    it('is the Quality Representative’s: others 403; another organisation’s document or none 404', async () => {
      const body = { number: '15/BC-UBND', dispatchedOn: report.issuedOn };
      for (const local of ['staff.tthc', 'head.tthc', 'leader'])
        expect([local, (await put(local, report.id, body)).status]).toEqual([local, 403]);
      expect((await put('qmr', report.id, body, undefined, otherOrg)).status).toBe(404);
      expect((await put('qmr', `${cycleId}.objectives-report.v9`, body)).status).toBe(404);
      const unsigned = await suite.http.call('PUT', dispatchOf(report.id), { body });
      expect(unsigned.status).toBe(401);
      expect((await entryOf(report.id)).dispatchNumber).toBeNull();
    });

    it('records the number and date: the register shows them, the files stay as issued, one event', async () => {
      const dispatchedOn = report.issuedOn;
      const recorded = await put('qmr', report.id, { number: '15/BC-UBND', dispatchedOn });
      expect(recorded.status).toBe(200);
      expect(recorded.body).toMatchObject({
        id: report.id,
        number: '',
        dispatchSymbol: '/BC-UBND',
        dispatchNumber: '15/BC-UBND',
        dispatchedOn,
        dispatchedBy: org.idOf('qmr'),
      });
      const entry = await entryOf(report.id);
      expect(entry).toEqual(recorded.body);
      // Numbered, it no longer waits.
      expect(await awaitingNumber()).toEqual({ ids: [], total: 0 });
      // The files, their hashes and the content are the version as issued.
      expect([entry.pdfSha256, entry.docxSha256]).toEqual([report.pdfSha256, report.docxSha256]);
      expect({ pdf: await fileOf(report.id, PDF), docx: await fileOf(report.id, DOCX) }).toEqual(files);

      const [event] = await dispatchEvents();
      expect(event).toMatchObject({
        type: 'document.dispatched',
        actor: org.idOf('qmr'),
        requestId: recorded.headers.get('x-request-id'),
        payload: { documentId: report.id, type: 'objectives-report', number: '15/BC-UBND', dispatchedOn },
      });
      expect(event.payload).not.toHaveProperty('previous');

      // The same values again change nothing: no second event, the same entry.
      const again = await put('qmr', report.id, { number: '15/BC-UBND', dispatchedOn });
      expect([again.status, again.body]).toEqual([200, entry]);
      expect(await dispatchEvents()).toHaveLength(1);
    });

    it('corrects a number with a reason, keeping what it replaced in the event; the same request again applies once', async () => {
      const before = await entryOf(report.id);
      const withoutReason = await put('qmr', report.id, { number: '16/BC-UBND', dispatchedOn: today() });
      expect([withoutReason.status, Object.keys(withoutReason.body.details?.fields ?? {})]).toEqual([
        422,
        ['reason'],
      ]);
      const requestId = `dispatch-${uniqueSuffix()}`;
      const reason = 'Văn thư ghi nhầm số; sổ văn bản đi ghi số 16';
      const corrected = await put(
        'qmr',
        report.id,
        { number: '16/BC-UBND', dispatchedOn: today(), reason },
        requestId,
      );
      expect(corrected.status).toBe(200);
      expect(corrected.body).toMatchObject({ dispatchNumber: '16/BC-UBND', dispatchedOn: today() });
      const events = await dispatchEvents();
      expect(events).toHaveLength(2);
      const correction = events.find((e) => e.requestId === requestId)!;
      expect(correction.payload).toEqual({
        documentId: report.id,
        type: 'objectives-report',
        version: 1,
        number: '16/BC-UBND',
        dispatchedOn: today(),
        previous: {
          number: '15/BC-UBND',
          dispatchedOn: before.dispatchedOn,
          recordedBy: org.idOf('qmr'),
          recordedAt: before.dispatchRecordedAt,
        },
        reason,
      });
      // The correction's request sent again (its answer lost): applied already, nothing changes.
      const resent = await put(
        'qmr',
        report.id,
        { number: '16/BC-UBND', dispatchedOn: today(), reason },
        requestId,
      );
      expect([resent.status, resent.body.dispatchNumber]).toEqual([200, '16/BC-UBND']);
      expect(await dispatchEvents()).toHaveLength(2);
      expect({ pdf: await fileOf(report.id, PDF), docx: await fileOf(report.id, DOCX) }).toEqual(files);
    });

    it('cites the number given on sending in the yearly report: its facts, its draft and the version issued', async () => {
      const facts = await org.as<{ documents: { number: string; title: string }[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/annual-qms-report`,
      );
      expect(facts.status).toBe(200);
      // The decision and its plan by the decision's number; the objectives report by its corrected one.
      expect(facts.body.documents.map((d) => d.number)).toEqual(['123/QĐ-UBND', '123/QĐ-UBND', '16/BC-UBND']);
      const draft = await fetchDownload(
        suite.http,
        org,
        'qmr',
        `/api/v1/cycles/${cycleId}/annual-qms-report`,
        PDF,
      );
      expect(draft.headers.get('x-document-status')).toBe('draft');
      // Its row of the table: number 3, by its number, on one line (not "16/BC-" above "UBND").
      const row = pdfText(draft.bytes)
        .normalize('NFC')
        .split('\n')
        .find((line) => line.includes('16/BC-UBND'));
      expect(row).toMatch(/^\s*3\s+16\/BC-UBND\s/u);

      // The DOCX's table as wide as each column needs: the title the widest, "STT" the narrowest
      // (they were five equal columns, the title four words a line), and none under its number.
      const docx = await fetchDownload(
        suite.http,
        org,
        'qmr',
        `/api/v1/cycles/${cycleId}/annual-qms-report`,
        DOCX,
      );
      const documentXml = docxParts(docx.bytes).read('word/document.xml');
      const table = documentXml.split('<w:tbl>').find((part) => part.includes('Số, ký hiệu'))!;
      const [stt, number, title, ...rest] = [...table.matchAll(/<w:gridCol w:w="(\d+)"/gu)].map((m) =>
        Number(m[1]),
      );
      expect(Math.max(stt, number, ...rest)).toBeLessThan(title);
      expect(Math.min(number, title, ...rest)).toBeGreaterThan(stt);

      const issued = await org.as<Entry>('qmr', 'POST', `/api/v1/cycles/${cycleId}/annual-qms-report/issue`);
      expect(issued.status).toBe(200);
      const pdf = await fetchDownload(suite.http, org, 'qmr', `/api/v1/documents/${issued.body.id}`, PDF);
      expect(normalise(pdfText(pdf.bytes))).toContain('16/BC-UBND');
    });

    it('is the clerk’s (văn thư) too: given the role, they number a document and read the year’s log', async () => {
      // A văn thư who joins the clerical office, given the clerk role by the administrator.
      const created = await org.as<{ id: string }>('admin', 'POST', '/api/v1/users', {
        fullName: 'Trần Thị Thu',
        title: 'Văn thư',
        email: org.email('vanthu.moi'),
        password: DEMO_PASSWORD,
        unitCode: 'vp-hanhchinh-tochuc',
      });
      expect(created.status).toBe(201);
      const granted = await org.as('admin', 'POST', `/api/v1/users/${created.body.id}/roles`, {
        role: 'clerk',
      });
      expect(granted.status).toBe(201);
      const numbered = await put('vanthu.moi', report.id, {
        number: '17/BC-UBND',
        dispatchedOn: today(),
        reason: 'Văn thư cấp lại số khi gửi bản đã ký',
      });
      expect([numbered.status, numbered.body.dispatchNumber, numbered.body.dispatchedBy]).toEqual([
        200,
        '17/BC-UBND',
        created.body.id,
      ]);
      const events = await org.as<{ items: LoggedEvent[] }>(
        'vanthu.moi',
        'GET',
        `/api/v1/cycles/${cycleId}/events?type=document.dispatched&limit=100`,
      );
      expect(events.status).toBe(200);
      expect(
        events.body.items.filter((e) => e.actor === created.body.id).map((e) => e.payload.number),
      ).toEqual(['17/BC-UBND']);
    });

    it('lists the year as the book of outgoing documents does (Decree 30, Appendix IV), in JSON and as a workbook', async () => {
      const path = `/api/v1/cycles/${cycleId}/outgoing-register`;
      // Anyone of the organisation reads it, as the register; the văn thư first.
      const book = await org.as<OutgoingRegister>('vanthu', 'GET', path);
      expect(book.status).toBe(200);
      const byType = (type: string) => book.body.entries.filter((e) => e.documentId.includes(`.${type}.`));
      // The plan is issued with its decision, under its number: not a line of its own.
      expect(byType('objectives-plan')).toEqual([]);
      expect(byType('objectives-decision')).toEqual([
        expect.objectContaining({
          number: '123/QĐ-UBND',
          awaitedSymbol: null,
          date: '2024-01-15',
          typeAndSummary: expect.stringMatching(/^Quyết định phê duyệt Mục tiêu chất lượng năm 2024 /u),
          signer: 'Nguyễn Hữu Tháp',
          note: 'Bản diễn tập',
        }),
      ]);
      // The objectives report by the number the clerk gave it last, sent today.
      expect(byType('objectives-report')).toEqual([
        expect.objectContaining({
          number: '17/BC-UBND',
          dispatchedOn: today(),
          typeAndSummary: expect.stringMatching(/^Báo cáo kết quả thực hiện /u),
          filedWith: 'VT, ISO',
        }),
      ]);
      // The yearly report, issued but not numbered yet: its symbol awaited, sent to its addressee.
      expect(byType('annual-qms-report')).toEqual([
        expect.objectContaining({
          number: null,
          awaitedSymbol: '/BC-UBND',
          dispatchedOn: null,
          recipients: ['Sở Khoa học và Công nghệ'],
        }),
      ]);

      const xlsx = await fetchDownload(suite.http, org, 'vanthu', path, XLSX);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-disposition')).toContain(`filename="SO-VAN-BAN-DI-${cycleId}.xlsx"`);
      const workbook = new Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      const rows = sheet.getSheetValues().slice(1) as unknown[][];
      const text = (row: unknown[] | undefined) => (row ?? []).slice(1).map((cell) => String(cell ?? ''));
      expect(text(rows[1])).toEqual(['SỔ ĐĂNG KÝ VĂN BẢN ĐI']);
      const head = rows.findIndex((row) => text(row)[0] === 'Số, ký hiệu văn bản');
      expect(text(rows[head])).toEqual([
        'Số, ký hiệu văn bản',
        'Ngày tháng văn bản',
        'Tên loại và trích yếu nội dung văn bản',
        'Người ký',
        'Nơi nhận văn bản',
        'Đơn vị, người nhận bản lưu',
        'Số lượng bản',
        'Ngày chuyển',
        'Ký nhận',
        'Ghi chú',
      ]);
      expect(text(rows[head + 1])).toEqual([
        '(1)',
        '(2)',
        '(3)',
        '(4)',
        '(5)',
        '(6)',
        '(7)',
        '(8)',
        '(9)',
        '(10)',
      ]);
      const lines = rows.slice(head + 2).map(text);
      expect(lines).toHaveLength(book.body.entries.length);
      const [day, month, year] = [today().slice(8), today().slice(5, 7), today().slice(0, 4)];
      expect(lines.find((line) => line[0] === '17/BC-UBND')?.[7]).toBe(`${day}/${month}/${year}`);
      expect(lines.find((line) => line[0] === '123/QĐ-UBND')?.[1]).toBe('15/01/2024');
      expect(lines.some((line) => line[0] === '…/BC-UBND' && line[7] === '')).toBe(true);

      // Another organisation's year is not found; the same workbook again is the same bytes.
      expect(
        (await org.as('qmr', 'GET', `/api/v1/cycles/${otherOrg.code}-2024/outgoing-register`)).status,
      ).toBe(404);
      expect((await fetchDownload(suite.http, org, 'vanthu', path, XLSX)).bytes.equals(xlsx.bytes)).toBe(
        true,
      );
    });

    it('answers only documented status codes', async () => {
      expect(await undocumentedAnswers(suite.http)).toEqual([]);
    });
  },
);
