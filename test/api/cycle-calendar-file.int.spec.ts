import { eventually, uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';

interface CycleAnswer {
  status?: string;
  rehearsal: boolean;
  live: {
    executionStatus: string;
    scheduleShiftMs?: number;
    dates?: { auditWindow: { from: string; to: string }; managementReviewDate: string; closeDate: string };
  };
}

/**
 * The year's milestones as a calendar file over HTTP (GET /cycles/{id}/calendar): the dates the
 * running workflow goes by, a rehearsal's moved by its shift, for anyone in the organisation; a
 * cancelled year's file takes them out. The real API and worker, PostgreSQL, the Temporal dev server
 * (a cancellation: docs/workflows.md on the test server's bug).
 */
describe("the year's milestones as a calendar file (API, worker, PostgreSQL, Temporal dev server)", () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const organisationCode = `cal-${uniqueSuffix()}`;
  /** Next year in Vietnam: a real cycle of it starts now, on its own dates. */
  const nextYear = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear() + 1;

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true });
    org = await suite.seedDemoOrganisation(organisationCode);
  });

  afterAll(() =>
    suite?.close({
      endCycles: [
        { organisationCode, year: 2024 },
        { organisationCode, year: nextYear },
      ],
    }),
  );

  const cycle = (year: number) =>
    eventually(`${organisationCode}-${year} recorded, its dates read`, async () => {
      const answer = await org.as<CycleAnswer>('qmr', 'GET', `/api/v1/cycles/${organisationCode}-${year}`);
      return answer.body.status && answer.body.live.dates ? answer.body : undefined;
    });
  /** The file as a person of the organisation downloads it. */
  const calendarFile = async (local: string, year: number, language = 'vi') => {
    const answer = await fetch(`${suite.http.baseUrl}/api/v1/cycles/${organisationCode}-${year}/calendar`, {
      headers: {
        authorization: `Bearer ${await org.tokenOf(local)}`,
        accept: 'text/calendar',
        'accept-language': language,
      },
    });
    return { status: answer.status, headers: answer.headers, text: await answer.text() };
  };
  /** The value of each event's first property of that name, the lines unfolded. */
  const valuesOf = (calendar: string, name: string) =>
    calendar
      .replace(/\r\n /g, '')
      .split('BEGIN:VEVENT')
      .slice(1)
      .map((event) => new RegExp(`^${name}:(.*)\\r$`, 'm').exec(event)?.[1]);
  const day = (date: string, shiftMs = 0) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + shiftMs).toISOString().slice(0, 10).replace(/-/g, '');

  it("gives a rehearsal's milestones on its moved days, to anyone in the organisation, in their language", async () => {
    expect(
      (
        await org.as('qmr', 'POST', '/api/v1/cycles', {
          organisationCode,
          year: 2024,
          rehearsal: true,
        })
      ).status,
    ).toBe(201);
    const { live } = await cycle(2024);
    const shift = live.scheduleShiftMs ?? 0;
    expect(shift).toBeGreaterThan(0);
    const dates = live.dates!;

    // A staff member, not only the Quality Representative.
    const file = await calendarFile('staff.tthc', 2024);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="chu-trinh-2024.ics"');
    expect(file.text).toContain('METHOD:PUBLISH\r\n');
    expect(valuesOf(file.text, 'UID')).toEqual([
      `${organisationCode}-2024/internal-audit@qcycle`,
      `${organisationCode}-2024/management-review@qcycle`,
      `${organisationCode}-2024/close@qcycle`,
    ]);
    expect(valuesOf(file.text, 'DTSTART;VALUE=DATE')).toEqual([
      day(dates.auditWindow.from, shift),
      day(dates.managementReviewDate, shift),
      day(dates.closeDate, shift),
    ]);
    expect(valuesOf(file.text, 'SUMMARY')).toEqual([
      '[Diễn tập] Đánh giá nội bộ năm 2024',
      '[Diễn tập] Xem xét của lãnh đạo năm 2024',
      '[Diễn tập] Kết thúc chu trình chất lượng năm 2024',
    ]);
    expect(valuesOf((await calendarFile('leader', 2024, 'en')).text, 'SUMMARY')[0]).toBe(
      '[Rehearsal] Internal audit 2024',
    );
  });

  it("takes a cancelled year's milestones out; another organisation's cycle, or none, is 404", async () => {
    expect((await org.as('qmr', 'POST', '/api/v1/cycles', { organisationCode, year: nextYear })).status).toBe(
      201,
    );
    const { live } = await cycle(nextYear);
    const running = await calendarFile('qmr', nextYear);
    expect(running.text).toContain('METHOD:PUBLISH\r\n');
    // A real year runs on its own dates.
    expect(valuesOf(running.text, 'DTSTART;VALUE=DATE')[0]).toBe(day(live.dates!.auditWindow.from));
    expect(valuesOf(running.text, 'SUMMARY')[0]).toBe(`Đánh giá nội bộ năm ${nextYear}`);

    expect(
      (
        await org.as('qmr', 'POST', `/api/v1/cycles/${organisationCode}-${nextYear}/cancel`, {
          reason: 'Bắt đầu nhầm',
        })
      ).status,
    ).toBe(202);
    const cancelled = await eventually('the cancelled year', async () => {
      const file = await calendarFile('qmr', nextYear);
      return file.text.includes('METHOD:CANCEL\r\n') ? file : undefined;
    });
    expect(valuesOf(cancelled.text, 'STATUS')).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(valuesOf(cancelled.text, 'UID')).toEqual(valuesOf(running.text, 'UID'));

    expect((await org.as('qmr', 'GET', '/api/v1/cycles/kontum-2024/calendar')).status).toBe(404);
    expect((await org.as('qmr', 'GET', `/api/v1/cycles/${organisationCode}-2019/calendar`)).status).toBe(404);
  });
});
