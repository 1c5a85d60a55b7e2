import type { Readable } from 'node:stream';

/** What a store answers for a file it now holds. */
export interface StoredEvidence {
  /** Lower-case hex SHA-256 of the content: the file's name in the store. */
  sha256: string;
  size: number;
}

/**
 * Where evidence files live, by content hash. The same content is kept once, whatever its name and
 * however often it is uploaded. One implementation per kind of storage: the local folder
 * ({@link LocalFolderEvidenceStore}) is the embedded default; an S3-compatible bucket would implement
 * the same four methods (docs/evidence.md).
 */
export interface EvidenceStore {
  /**
   * Reads the stream to its end, hashing it, and keeps the content under its SHA-256. Either the
   * whole content is stored or nothing is: when the stream fails (client gone, size or type refused
   * by a transform upstream), no file is left behind and the stream's error is thrown.
   */
  put(content: Readable): Promise<StoredEvidence>;
  /** The content stored under `sha256`; throws {@link EvidenceMissingError} when there is none. */
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  /**
   * Removes the content stored under `sha256` unless it was stored, or stored again (an upload of
   * the same content), at or after `since`: the caller found no record naming it after that moment,
   * and an upload since may be about to name it. True when removed; false when kept or not there.
   */
  removeUnlessStoredSince(sha256: string, since: Date): Promise<boolean>;
}

/** Injection token of the configured {@link EvidenceStore}. */
export const EVIDENCE_STORE = Symbol('EVIDENCE_STORE');

export class EvidenceMissingError extends Error {
  constructor(readonly sha256: string) {
    super(`No stored evidence file ${sha256}`);
    this.name = 'EvidenceMissingError';
  }
}

export const isSha256 = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);
