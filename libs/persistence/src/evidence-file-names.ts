import { In, type DataSource, type EntityManager } from 'typeorm';
import { evidenceIdsIn, parseQualityCycleId, qualityCycleId } from '@qcycle/contracts';
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
