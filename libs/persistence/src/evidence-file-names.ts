import { In, type DataSource, type EntityManager } from 'typeorm';
import { evidenceIdsIn, parseQualityCycleId, qualityCycleId } from '@qcycle/contracts';
import { EventLogEntryEntity } from './entities/event-log-entry.entity';
import { EvidenceFileEntity } from './entities/evidence-file.entity';

/** An uploaded file a record names, with the name it was uploaded with. */
export interface NamedEvidenceFile {
  id: string;
  fileName: string;
  /** Its content erased (docs/evidence.md): named, no longer to be downloaded. */
  erased: boolean;
}

/**
 * The uploaded files these recorded values name (`evidence:<id>` in their evidence lists), in the
 * order named, each with the name it was uploaded with: so that a history, a page or a printed
 * document says "Sổ theo dõi tháng 1.pdf" and not an id. One read by primary key, the cycle's own
 * files only — and, with `yearBefore`, those of the same organisation's year before, for records
 * that carry last year's into this one (a review's inputs: last year's actions and what they rest
 * on). A file no longer on record (a discarded rehearsal's) is left out.
 */
export async function evidenceFilesNamedIn(
  db: DataSource | EntityManager,
  cycleId: string,
  values: unknown,
  options: { yearBefore?: boolean } = {},
): Promise<NamedEvidenceFile[]> {
  const ids = evidenceIdsIn(values);
  if (ids.length === 0) return [];
  const key = options.yearBefore ? parseQualityCycleId(cycleId) : undefined;
  const cycles = key ? [cycleId, qualityCycleId(key.organisationCode, key.year - 1)] : [cycleId];
  const rows = await db.getRepository(EvidenceFileEntity).find({
    select: { id: true, fileName: true, erasedAt: true },
    where: { id: In(ids), cycleId: In(cycles) },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ id, fileName: row.fileName, erased: row.erasedAt !== null }] : [];
  });
}

/** Events read per query while the log is searched for the files it names. */
const LOG_PAGE = 500;

/**
 * The files a cycle's event log names as evidence (`evidence:<id>` in a payload's evidence lists:
 * every answer's, as `task.completed` records it, every correction's, every finding's), by id: what
 * tells a file an answer rests on from one uploaded and not used. Up to the event `upTo` (inclusive)
 * when given, so that a snapshot of the year counts what it holds. A page of events at a time, and
 * only those whose payload holds a reference at all.
 */
export async function evidenceNamedInLog(
  db: DataSource | EntityManager,
  cycleId: string,
  upTo?: { occurredAt: string; id: string },
): Promise<Set<string>> {
  const named = new Set<string>();
  let after: { occurredAt: string; id: string } | undefined;
  for (;;) {
    const qb = db
      .getRepository(EventLogEntryEntity)
      .createQueryBuilder('e')
      .select(['e.id', 'e.occurredAt', 'e.payload'])
      .where('e.cycle_id = :cycleId', { cycleId })
      // A reference is a JSON string that starts `evidence:`; the payload is stored as JSON text.
      .andWhere('e.payload LIKE :reference', { reference: '%"evidence:%' });
    if (upTo)
      qb.andWhere('(e.occurred_at < :lastAt OR (e.occurred_at = :lastAt AND e.id <= :lastId))', {
        lastAt: upTo.occurredAt,
        lastId: upTo.id,
      });
    if (after)
      qb.andWhere('(e.occurred_at > :afterAt OR (e.occurred_at = :afterAt AND e.id > :afterId))', {
        afterAt: after.occurredAt,
        afterId: after.id,
      });
    const page = await qb.orderBy('e.occurred_at', 'ASC').addOrderBy('e.id', 'ASC').limit(LOG_PAGE).getMany();
    for (const event of page) for (const id of evidenceIdsIn(event.payload)) named.add(id);
    if (page.length < LOG_PAGE) return named;
    after = page[page.length - 1];
  }
}
