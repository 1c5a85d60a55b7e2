import { addDays } from '@qcycle/domain';
import { uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from './support/demo-organisation';
import { APPROVAL } from './support/year-over-http';

interface FeedCreated {
  active: true;
  createdAt: string;
  url: string;
  webcalUrl: string;
}

/**
 * A person's deadlines as a calendar feed over HTTP: the address is made signed in and shown once;
 * a calendar app fetches it without signing in and finds the person's open tasks with their due
 * instants, as they stand at each fetch — a task done leaves it. A new address stops the old one,
 * removing it stops it, and so does leaving the directory. The real API and worker, PostgreSQL and
 * SQLite, the Temporal dev server.
 */
describe.each<TestDatabaseKind>(['postgres', 'sqlite'])(
  'a calendar feed of my deadlines (API, worker, %s, Temporal dev server)',
  (kind) => {
    let suite: ApiSuite;
    let org: DemoOrganisation;
    const organisationCode = `feed-${uniqueSuffix()}`;
    let approval: TaskSummary;
    let feed: FeedCreated;
    const cycleId = `${organisationCode}-2024`;

    beforeAll(async () => {
      suite = await startApiSuite({ database: kind, worker: true });
      org = await suite.seedDemoOrganisation(organisationCode);
      await Promise.all(['admin', 'leader', 'qmr', 'staff.tthc'].map((local) => org.tokenOf(local)));
      approval = await org.startRehearsal();
    });

    afterAll(() => suite?.close({ endCycles: [{ organisationCode, year: 2024 }] }));

    /** The feed as a calendar app fetches it: no sign-in, the address alone. */
    const fetchFeed = async (url: string) => {
      const answer = await fetch(`${suite.http.baseUrl}${new URL(url).pathname}`);
      return {
        status: answer.status,
        type: answer.headers.get('content-type'),
        disposition: answer.headers.get('content-disposition'),
        text: await answer.text(),
      };
    };
    /** Each event's properties, the lines unfolded (RFC 5545 3.1), TEXT values unescaped. */
    const eventsOf = (calendar: string) =>
      calendar
        .replace(/\r\n /g, '')
        .split('BEGIN:VEVENT\r\n')
        .slice(1)
        .map(
          (event) =>
            new Map(
              event
                .split('\r\n')
                .filter((line) => line.includes(':'))
                .map((line) => [
                  line.slice(0, line.indexOf(':')),
                  line.slice(line.indexOf(':') + 1).replace(/\\([\\;,])/g, '$1'),
                ]),
            ),
        );
    const isoDate = (basic: string) => `${basic.slice(0, 4)}-${basic.slice(4, 6)}-${basic.slice(6, 8)}`;
    const basicDate = (date: string) => date.replace(/-/g, '');
    const utcBasic = (instant: string) => new Date(instant).toISOString().replace(/[-:]|\.\d{3}/g, '');

    it('has none until asked, then shows its address once, and the feed holds my open task at its due instant', async () => {
      expect((await org.as('leader', 'GET', '/api/v1/me/calendar-feed')).body).toEqual({ active: false });

      const made = await org.as<FeedCreated>('leader', 'POST', '/api/v1/me/calendar-feed');
      expect(made.status).toBe(201);
      feed = made.body;
      expect(
        feed.url.startsWith(`${suite.config.publicUrl.replace(/\/+$/, '')}/api/v1/calendar-feeds/`),
      ).toBe(true);
      expect(feed.url.endsWith('/deadlines.ics')).toBe(true);
      expect(feed.webcalUrl).toBe(feed.url.replace(/^https?:/, 'webcal:'));
      // Only its hash is kept: asked again, the address is not given.
      const status = await org.as('leader', 'GET', '/api/v1/me/calendar-feed');
      expect(status.body).toEqual({ active: true, createdAt: feed.createdAt });

      const fetched = await fetchFeed(feed.url);
      expect(fetched.status).toBe(200);
      expect(fetched.type).toBe('text/calendar; charset=utf-8');
      // Read where it is fetched, not saved as a download.
      expect(fetched.disposition).toBe('inline; filename="deadlines.ics"');
      expect(fetched.text).toContain('X-WR-CALNAME:Hạn việc qcycle — ');
      expect(fetched.text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
      const tasks = eventsOf(fetched.text).filter((event) => !event.get('UID')?.startsWith(`${cycleId}/`));
      expect(tasks.map((event) => event.get('UID'))).toEqual([`${approval.id}@qcycle`]);
      expect(tasks[0].get('DTSTART')).toBe(utcBasic(approval.dueAt as string));
      expect(tasks[0].get('SUMMARY')).toBe(`[Diễn tập] Hạn: ${approval.title.vi}`);
      // Never a single-use link in a calendar: the page behind the sign-in.
      expect(tasks[0].get('URL')).toMatch(/\/tasks\/[^?]+$/);
    });

    it("holds the year's milestones as the dashboard's calendar file gives them, and follows a moved date", async () => {
      const milestonesIn = (calendar: string) =>
        eventsOf(calendar)
          .filter((event) => event.get('UID')?.startsWith(`${cycleId}/`))
          .map((event) => ({
            uid: event.get('UID'),
            from: event.get('DTSTART;VALUE=DATE'),
            to: event.get('DTEND;VALUE=DATE'),
            summary: event.get('SUMMARY'),
          }));
      const dashboardFile = async () => {
        const answer = await fetch(`${suite.http.baseUrl}/api/v1/cycles/${cycleId}/calendar`, {
          headers: { authorization: `Bearer ${await org.tokenOf('leader')}`, 'accept-language': 'vi' },
        });
        expect(answer.status).toBe(200);
        return milestonesIn(await answer.text());
      };
      const inFeed = milestonesIn((await fetchFeed(feed.url)).text);
      expect(inFeed.map((event) => event.uid)).toEqual(
        ['internal-audit', 'management-review', 'close'].map((key) => `${cycleId}/${key}@qcycle`),
      );
      expect(inFeed[1].summary).toBe('[Diễn tập] Xem xét của lãnh đạo năm 2024');
      expect(inFeed).toEqual(await dashboardFile());

      // The Quality Representative moves the review: the feed's event moves with it, at the next fetch.
      const review = inFeed[1].from as string;
      const cycleBefore = await org.as<{ live: { dates: { managementReviewDate: string } } }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}`,
      );
      const reviewDate = addDays(cycleBefore.body.live.dates.managementReviewDate, 2);
      const moved = await org.as('qmr', 'POST', `/api/v1/cycles/${cycleId}/dates`, {
        reviewDate,
        reason: 'Lịch công tác của lãnh đạo',
      });
      expect(moved.status).toBe(200);
      const after = milestonesIn((await fetchFeed(feed.url)).text);
      expect(after[1].from).toBe(basicDate(addDays(isoDate(review), 2)));
      expect(after).toEqual(await dashboardFile());
    });

    it('follows the tasks as they stand: once I complete mine, it leaves the feed', async () => {
      const approved = await org.as('leader', 'POST', taskPath(approval.id, '/complete'), {
        outcome: APPROVAL,
      });
      expect(approved.status).toBe(200);
      const events = eventsOf((await fetchFeed(feed.url)).text);
      expect(events.map((event) => event.get('UID'))).not.toContain(`${approval.id}@qcycle`);
    });

    it('stops an address once a new one is made, and stops the new one once removed', async () => {
      const renewed = await org.as<FeedCreated>('leader', 'POST', '/api/v1/me/calendar-feed');
      expect(renewed.status).toBe(201);
      expect(renewed.body.url).not.toBe(feed.url);
      const old = await fetchFeed(feed.url);
      expect(old.status).toBe(404);
      expect(JSON.parse(old.text)).toMatchObject({ code: 'NOT_FOUND' });
      expect((await fetchFeed(renewed.body.url)).status).toBe(200);

      expect((await org.as('leader', 'DELETE', '/api/v1/me/calendar-feed')).status).toBe(204);
      expect((await fetchFeed(renewed.body.url)).status).toBe(404);
      expect((await org.as('leader', 'GET', '/api/v1/me/calendar-feed')).body).toEqual({ active: false });
      // Nothing to remove: the same answer.
      expect((await org.as('leader', 'DELETE', '/api/v1/me/calendar-feed')).status).toBe(204);
    });

    it('answers 404 for an address never made, and for someone who has left the directory', async () => {
      expect(
        (await fetchFeed(`${feed.url.replace(/calendar-feeds\/[^/]+/, 'calendar-feeds/not-a-token')}`))
          .status,
      ).toBe(404);
      const staff = await org.as<FeedCreated>('staff.tthc', 'POST', '/api/v1/me/calendar-feed');
      // In the language its holder chose, whenever they chose it.
      expect((await org.as('staff.tthc', 'PATCH', '/api/v1/auth/me', { locale: 'en' })).status).toBe(200);
      const english = await fetchFeed(staff.body.url);
      expect(english.status).toBe(200);
      expect(english.text).toContain('X-WR-CALNAME:qcycle deadlines — Nguyễn Thị Lan\r\n');
      // The year's milestones are everyone's in the organisation, in each one's language.
      expect(english.text).toContain('SUMMARY:[Rehearsal] Management review 2024\r\n');
      const left = await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('staff.tthc')}`, {
        active: false,
      });
      expect(left.status).toBe(200);
      expect((await fetchFeed(staff.body.url)).status).toBe(404);
      // Back in the directory, the address from before does not come back with the account.
      const back = await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('staff.tthc')}`, {
        active: true,
      });
      expect(back.status).toBe(200);
      expect((await fetchFeed(staff.body.url)).status).toBe(404);
    });

    it('stops the address when an administrator sets a new password (whoever had the account may have made it), not when one signs out', async () => {
      const made = await org.as<FeedCreated>('qmr', 'POST', '/api/v1/me/calendar-feed');
      expect(made.status).toBe(201);
      // Signing out everywhere is the web app's everyday "Sign out": the calendar stays subscribed.
      expect((await org.as('qmr', 'POST', '/api/v1/auth/logout')).status).toBe(204);
      expect((await fetchFeed(made.body.url)).status).toBe(200);

      const reset = await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('qmr')}`, {
        password: 'Mat-khau-moi-2026!',
      });
      expect(reset.status).toBe(200);
      expect((await fetchFeed(made.body.url)).status).toBe(404);
      // The directory's log says so beside the new password.
      const log = await org.as<{ items: { type: string; payload: Record<string, unknown> }[] }>(
        'admin',
        'GET',
        `/api/v1/directory/events?type=user.changed`,
      );
      expect(log.body.items).toContainEqual(
        expect.objectContaining({
          payload: { userId: org.idOf('qmr'), passwordChanged: true, calendarFeedStopped: true },
        }),
      );
    });

    it('is managed signed in only', async () => {
      const anonymous = await fetch(`${suite.http.baseUrl}/api/v1/me/calendar-feed`, { method: 'POST' });
      expect(anonymous.status).toBe(401);
    });
  },
);
