import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type FindOptionsSelect } from 'typeorm';
import { numericDate } from '@qcycle/domain';
import {
  DocumentVersionEntity,
  EventLogEntryEntity,
  eventSubjectOf,
  eventSubjectsNamed,
  evidenceNamedInLog,
  evidenceRecordSubject,
  recordsNamed,
  EvidenceFileEntity,
  OrganisationEntity,
  OrganisationUnitEntity,
  UserEntity,
  type QualityCycleEntity,
} from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import { recordedCycleOf } from '../common/recorded-cycle';
import { ClosedYearDocumentsService } from '../cycles/closed-year-documents.service';
import {
  SIGNED_PAPER_TYPES,
  signedPaperScans,
  type SignedPaperRecordType,
  type SigningAnswer,
} from '../cycles/signed-papers';
import { CycleOfficialDocumentsService } from '../documents/cycle-official-documents.service';
import { EVIDENCE_STORE, EvidenceMissingError, type EvidenceStore } from '../evidence/evidence-store';
import {
  documentPath,
  dossierBaseName,
  EVENT_LOG_CSV,
  eventLogHead,
  eventLogRows,
  eventSubjectText,
  evidencePaths,
  INDEX_CSV,
  INDEX_JSON,
  indexCsv,
  indexJson,
  isFinal,
  NOTE_TXT,
  noteText,
  orderDocuments,
  orderEvidence,
  vietnamTime,
  type DossierFacts,
  type IndexRow,
  type SignedPaper,
} from './dossier-layout';
import { zipArchive, type StreamedContent, type ZipEntry } from './dossier-zip';

/** What names the year's dossier: its file name, and whether it is final. */
export interface DossierLabel {
  fileName: string;
  final: boolean;
}

/** The year's dossier, ready to be sent: its label, and the ZIP as it is written. */
export interface Dossier extends DossierLabel {
  content: Readable;
}

/** Events read per query while the log is written: a page's rows at a time in memory. */
const EVENT_PAGE = 500;

/**
 * The year's dossier (hồ sơ) as one ZIP (docs/dossier.md): every registered document version as
 * issued, every evidence file by record, the event log as CSV, and an index with every file's size
 * and SHA-256. What it holds is fixed when it is asked for (the register's versions, the evidence
 * rows, the events up to the latest one then), so a record written while it streams is not half in.
 */
@Injectable()
export class DossierService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
    private readonly official: CycleOfficialDocumentsService,
    private readonly closedYear: ClosedYearDocumentsService,
  ) {}

  /**
   * The dossier's label alone, as a HEAD request answers it: the same checks, without registering
   * a closed year's documents (printing them) or building the archive.
   */
  async label(caller: Principal, cycleId: string): Promise<DossierLabel> {
    return labelOf(yearFacts(await recordedCycleOf(this.dataSource, caller, cycleId)));
  }

  async dossier(caller: Principal, cycleId: string): Promise<Dossier> {
    const cycle = await recordedCycleOf(this.dataSource, caller, cycleId);
    // An approved decision is in the register even if nobody has downloaded it yet (as GET /documents),
    // and so is every document of a closed year: its records are final, its dossier whole.
    await this.official.registerApprovedDecisions(caller, { cycleId: cycle.id });
    if (cycle.status === 'closed') await this.closedYear.registerAll(caller, cycle.id);
    const documents = orderDocuments(
      await this.dataSource.getRepository(DocumentVersionEntity).find({
        where: { organisationCode: cycle.organisationCode, cycleId: cycle.id },
        select: REGISTER_COLUMNS,
      }),
    );
    const evidence = orderEvidence(
      await this.dataSource
        .getRepository(EvidenceFileEntity)
        .find({ where: { organisationCode: cycle.organisationCode, cycleId: cycle.id } }),
    );
    const signedPapers = await this.signedPapers(cycle.id, evidence);
    const lastEvent = await this.dataSource.getRepository(EventLogEntryEntity).findOne({
      where: { cycleId: cycle.id },
      order: { occurredAt: 'DESC', id: 'DESC' },
      select: ['id', 'occurredAt'],
    });
    const organisation = await this.dataSource
      .getRepository(OrganisationEntity)
      .findOneBy({ code: cycle.organisationCode });
    const people = await this.dataSource
      .getRepository(UserEntity)
      .find({ where: { organisationCode: cycle.organisationCode }, select: ['id', 'fullName'] });
    const names = new Map(people.map((person) => [person.id, person.fullName]));
    const units = await this.dataSource
      .getRepository(OrganisationUnitEntity)
      .find({ where: { organisationCode: cycle.organisationCode }, select: ['code', 'nameVi'] });
    const unitNames = new Map(units.map((unit) => [unit.code, unit.nameVi]));
    const unitName = (code: string) => unitNames.get(code) ?? code;
    const facts: DossierFacts = {
      ...yearFacts(cycle),
      organisationName: organisation?.nameVi ?? cycle.organisationCode,
      asOf: latest([
        cycle.startedAt,
        cycle.updatedAt,
        lastEvent?.occurredAt,
        ...documents.map((d) => d.registeredAt),
        ...evidence.map((e) => e.uploadedAt),
      ]),
    };
    const snapshot: Snapshot = { facts, documents, evidence, signedPapers, lastEvent, names, unitName };
    return {
      ...labelOf(facts),
      content: Readable.from(zipArchive(this.entries(snapshot, cycle.workflowId)), { objectMode: false }),
    };
  }

  /** The ZIP's entries in order, each read only when the archive reaches it. */
  private async *entries(snapshot: Snapshot, workflowId: string): AsyncGenerator<ZipEntry> {
    const { facts, documents, evidence, names } = snapshot;
    const nameOf = (id: string) => (id === 'system' ? 'Hệ thống' : (names.get(id) ?? id));
    const rows: IndexRow[] = [];

    const documentPaths = new Set<string>();
    for (const entry of documents) {
      // One version's files at a time: the register keeps them in the row.
      const files = await this.dataSource
        .getRepository(DocumentVersionEntity)
        .findOneOrFail({ where: { id: entry.id }, select: ['id', 'pdf', 'docx'] });
      for (const format of ['pdf', 'docx'] as const) {
        const bytes = Buffer.from(format === 'pdf' ? files.pdf : files.docx, 'base64');
        // Two types never share a file name today; should they, the type tells the files apart.
        let path = documentPath(entry, format);
        if (documentPaths.has(path)) path = path.replace(/(\.[a-z]+)$/, `-${entry.type}$1`);
        documentPaths.add(path);
        rows.push({
          path,
          kind: 'document',
          format,
          belongsTo: entry.id,
          title: indexTitle(entry),
          version: entry.version,
          date: entry.issuedOn,
          who: entry.approvedByName ?? nameOf(entry.registeredBy),
          size: bytes.length,
          sha256: sha256Of(bytes),
          status: 'included',
        });
        yield { path, at: entry.issuedOn, content: bytes };
      }
    }

    const paths = evidencePaths(evidence, workflowId);
    // Each file's record named, as the history names it.
    const records = new Map(
      (
        await recordsNamed(
          this.dataSource,
          facts.cycleId,
          evidence.map((file) => evidenceRecordSubject(file)),
        )
      ).map((record) => [record.id, record]),
    );
    let notIncluded = 0;
    const evidenceRows: { id: string; row: IndexRow }[] = [];
    for (const file of evidence) {
      const path = paths.get(file.id)!;
      const row: IndexRow = {
        path,
        kind: 'evidence',
        format: null,
        belongsTo: `${file.recordType}:${file.recordKey}`,
        title: file.fileName,
        about: eventSubjectText(records.get(file.recordKey), snapshot.unitName) || undefined,
        version: null,
        date: vietnamTime(file.uploadedAt),
        who: nameOf(file.uploadedBy),
        size: file.size,
        sha256: file.sha256,
        status: 'included',
        signedCopyOf: snapshot.signedPapers.scans.get(file.id),
        ...(file.withdrawnAt && {
          withdrawn: {
            at: vietnamTime(file.withdrawnAt),
            by: nameOf(file.withdrawnBy ?? ''),
            reason: file.withdrawnReason ?? '',
          },
        }),
      };
      rows.push(row);
      evidenceRows.push({ id: file.id, row });
      // Its content erased on purpose: the index says so, and by whom and why, instead of the file.
      if (file.erasedAt) {
        row.status = 'erased';
        row.erased = {
          at: vietnamTime(file.erasedAt),
          by: nameOf(file.erasedBy ?? ''),
          reason: file.erasedReason ?? '',
        };
        notIncluded += 1;
        continue;
      }
      // Read once to check it is what was uploaded: a file the store lost or that changed is listed
      // as such in the index rather than breaking the archive.
      const measured = await measure(() => this.store.get(file.sha256)).catch((error: unknown) => {
        if (error instanceof EvidenceMissingError) return null;
        throw error;
      });
      if (!measured || measured.sha256 !== file.sha256 || measured.size !== file.size) {
        row.status = measured ? 'changed' : 'missing';
        notIncluded += 1;
        continue;
      }
      yield { path, at: file.uploadedAt, content: streamed(measured, () => this.store.get(file.sha256)) };
    }

    const counted: LogCounts = { events: 0 };
    const log = await measure(async () => Readable.from(this.eventLog(snapshot, nameOf, counted)));
    const eventLog = () => this.eventLog(snapshot, nameOf, { events: 0 });
    // A file no answer named (the log lists every answer's evidence) and no signed paper's scan, nor
    // one withdrawn as such (its note says why it is there): uploaded to its record, not used.
    const named = snapshot.lastEvent
      ? await evidenceNamedInLog(this.dataSource, facts.cycleId, snapshot.lastEvent)
      : new Set<string>();
    for (const { id, row } of evidenceRows)
      if (!row.signedCopyOf && !row.withdrawn && !named.has(id)) row.unused = true;
    rows.push({
      path: EVENT_LOG_CSV,
      kind: 'event-log',
      format: 'csv',
      belongsTo: facts.cycleId,
      title: `Nhật ký sự kiện của chu kỳ ${facts.cycleId} (${counted.events} sự kiện)`,
      version: null,
      date: vietnamTime(facts.asOf),
      who: '',
      size: log.size,
      sha256: log.sha256,
      status: 'included',
    });
    yield {
      path: EVENT_LOG_CSV,
      at: facts.asOf,
      content: streamed(log, async () => Readable.from(eventLog())),
    };

    const scanned = rows.filter((row) => row.signedCopyOf && row.status === 'included');
    const note = noteText(facts, {
      documents: new Set(documents.map((d) => d.type + ' ' + d.fileBaseName)).size,
      versions: documents.length,
      evidence: evidence.length - notIncluded,
      records: new Set(evidence.map((e) => `${e.recordType}:${e.recordKey}`)).size,
      events: counted.events,
      notIncluded,
      signedCopies: scanned.length,
      unused: rows.filter((row) => row.unused && row.status === 'included').length,
      // A paper whose scan the store lost counts as one without: the archive does not hold it.
      unscanned: snapshot.signedPapers.papers
        .filter((paper) => !scanned.some((row) => row.signedCopyOf === paper))
        .map((paper) => paper.title),
    });
    rows.push({
      path: NOTE_TXT,
      kind: 'note',
      format: 'txt',
      belongsTo: facts.cycleId,
      title: 'Ghi chú về hồ sơ: tình trạng, nội dung, cách kiểm tra',
      version: null,
      date: vietnamTime(facts.asOf),
      who: '',
      size: note.length,
      sha256: sha256Of(note),
      status: 'included',
    });
    yield { path: NOTE_TXT, at: facts.asOf, content: note };
    yield { path: INDEX_CSV, at: facts.asOf, content: indexCsv(rows) };
    yield { path: INDEX_JSON, at: facts.asOf, content: indexJson(facts, rows) };
  }

  /**
   * The papers the leader has signed this year and their scans among the evidence files, by id
   * (`signedPaperScans`, as the year's files say), each paper as the index names it.
   */
  private async signedPapers(
    cycleId: string,
    evidence: readonly EvidenceFileEntity[],
  ): Promise<SignedPapers> {
    const found = await signedPaperScans(this.dataSource, cycleId, evidence);
    const papers = new Map(
      found.papers.map(({ recordType, answered }) => [recordType, signedPaperOf(recordType, answered)]),
    );
    return {
      papers: [...papers.values()],
      scans: new Map([...found.scans].map(([id, recordType]) => [id, papers.get(recordType)!])),
    };
  }

  /**
   * The event log as CSV, oldest first (as `GET /cycles/{id}/events`), up to the last event of the
   * snapshot: read a page at a time by (occurred_at, id), so the log never has to fit in memory.
   * `counted.events` counts the rows written.
   */
  private async *eventLog(
    snapshot: Snapshot,
    nameOf: (id: string) => string,
    counted: LogCounts,
  ): AsyncGenerator<Buffer> {
    yield eventLogHead();
    const last = snapshot.lastEvent;
    if (!last) return;
    let after: { occurredAt: string; id: string } | null = null;
    for (;;) {
      const qb = this.dataSource
        .getRepository(EventLogEntryEntity)
        .createQueryBuilder('e')
        .where('e.cycle_id = :cycleId', { cycleId: snapshot.facts.cycleId })
        .andWhere('(e.occurred_at < :lastAt OR (e.occurred_at = :lastAt AND e.id <= :lastId))', {
          lastAt: last.occurredAt,
          lastId: last.id,
        });
      if (after)
        qb.andWhere('(e.occurred_at > :afterAt OR (e.occurred_at = :afterAt AND e.id > :afterId))', {
          afterAt: after.occurredAt,
          afterId: after.id,
        });
      const page = await qb
        .orderBy('e.occurred_at', 'ASC')
        .addOrderBy('e.id', 'ASC')
        .limit(EVENT_PAGE)
        .getMany();
      if (page.length === 0) return;
      // What each event is about, named as the history page names it.
      const subjects = new Map(
        (await eventSubjectsNamed(this.dataSource, snapshot.facts.cycleId, page)).map((s) => [s.id, s]),
      );
      yield eventLogRows(
        page.map((e) => ({
          ...e,
          actorName: nameOf(e.actor),
          about: eventSubjectText(subjects.get(eventSubjectOf(e)?.id ?? ''), snapshot.unitName),
        })),
        counted.events + 1,
      );
      counted.events += page.length;
      after = page[page.length - 1];
      if (page.length < EVENT_PAGE) return;
    }
  }
}

/** What a pass over the event log counts: its events. */
interface LogCounts {
  events: number;
}

interface Snapshot {
  facts: DossierFacts;
  documents: DocumentVersionEntity[];
  evidence: EvidenceFileEntity[];
  signedPapers: SignedPapers;
  lastEvent: Pick<EventLogEntryEntity, 'id' | 'occurredAt'> | null;
  names: Map<string, string>;
  /** A unit's name by its code (the directory's), for the corrective actions the dossier names. */
  unitName: (code: string) => string;
}

/** The papers the leader signed this year, and their scans among the evidence files, by id. */
interface SignedPapers {
  papers: SignedPaper[];
  scans: Map<string, SignedPaper>;
}

/** The register's fields, not its files (read one version at a time). */
const REGISTER_COLUMNS: FindOptionsSelect<DocumentVersionEntity> = {
  id: true,
  type: true,
  version: true,
  number: true,
  dispatchNumber: true,
  dispatchedOn: true,
  title: true,
  fileBaseName: true,
  issuedOn: true,
  approvedByName: true,
  registeredBy: true,
  registeredAt: true,
};

interface Measured {
  size: number;
  crc32: number;
  sha256: string;
}

/** Reads a stream to its end for its size, CRC-32 and SHA-256, holding one chunk at a time. */
async function measure(open: () => Promise<Readable>): Promise<Measured> {
  const hash = createHash('sha256');
  let size = 0;
  let crc = 0;
  for await (const chunk of await open()) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    crc = crc32(bytes, crc);
    size += bytes.length;
  }
  return { size, crc32: crc >>> 0, sha256: hash.digest('hex') };
}

function streamed(measured: Measured, open: () => Promise<Readable>): StreamedContent {
  return { size: measured.size, crc32: measured.crc32, read: open };
}

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The latest of these instants (ISO-8601 UTC strings sort as text). */
const latest = (instants: (string | undefined | null)[]) =>
  instants.filter((at): at is string => Boolean(at)).reduce((a, b) => (b > a ? b : a));

/** What the cycle's own row says of the year: enough to name its dossier. */
const yearFacts = (cycle: QualityCycleEntity) => ({
  organisationCode: cycle.organisationCode,
  cycleId: cycle.id,
  year: cycle.year,
  status: cycle.status === 'closed' || cycle.status === 'cancelled' ? cycle.status : ('running' as const),
  rehearsal: cycle.rehearsal === true,
});

const labelOf = (facts: ReturnType<typeof yearFacts>): DossierLabel => ({
  fileName: `${dossierBaseName(facts)}.zip`,
  final: isFinal(facts),
});

/**
 * The paper an answer recorded, as the index names it: the decision by its number, the minutes by
 * theirs when the review gave one.
 */
function signedPaperOf(recordType: SignedPaperRecordType, answered: SigningAnswer): SignedPaper {
  const outcome = answered.outcome ?? {};
  const type = SIGNED_PAPER_TYPES[recordType];
  if (recordType === 'approval')
    return {
      type,
      title:
        typeof outcome.documentNumber === 'string'
          ? `Quyết định số ${outcome.documentNumber}`
          : 'Quyết định phê duyệt mục tiêu chất lượng',
    };
  return {
    type,
    title: `Biên bản họp xem xét của lãnh đạo${typeof outcome.minutesRef === 'string' && outcome.minutesRef ? ` số ${outcome.minutesRef}` : ''}`,
  };
}

/**
 * A document's line in the index: its number, if it has one (the decision's own, or the one the
 * clerical office gave it on sending, with that day: docs/documents.md "Numbering on sending"), so
 * that the index reads against the office's book of outgoing documents; then its title.
 */
function indexTitle(
  entry: Pick<DocumentVersionEntity, 'number' | 'title' | 'dispatchNumber' | 'dispatchedOn'>,
): string {
  if (entry.dispatchNumber && entry.dispatchedOn)
    return `${entry.dispatchNumber} (gửi ngày ${numericDate(entry.dispatchedOn)}) - ${entry.title}`;
  return !entry.number || entry.title.includes(entry.number)
    ? entry.title
    : `${entry.number} - ${entry.title}`;
}
