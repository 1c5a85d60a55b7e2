import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person in an organisation's directory. Local users sign in with a password (bcrypt hash);
 * users of the organisation's SSO have no password and are matched by OIDC subject or e-mail.
 * Users are deactivated, never deleted: the records they signed stay attributable.
 */
@Entity('users')
@Index(['organisationCode', 'unitCode'])
@Index('IDX_users_organisation_name', ['organisationCode', 'nameSortKey', 'id'])
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'organisation_code', type: 'varchar', length: 40 })
  organisationCode!: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 60, nullable: true })
  unitCode!: string | null;

  /** As written on documents, e.g. `Nguyễn Hữu Tháp`. */
  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName!: string;

  /** Position as written under a signature, e.g. `Phó Chủ tịch UBND tỉnh`. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  title!: string | null;

  /** Stored lower-case; unique across the installation (it is the login). */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 100, nullable: true })
  passwordHash!: string | null;

  /** The `sub` of this person at the OIDC provider, linked on their first SSO sign-in. */
  @Column({ name: 'oidc_subject', type: 'varchar', length: 255, nullable: true, unique: true })
  oidcSubject!: string | null;

  @Column({ type: 'varchar', length: 2 })
  locale!: 'vi' | 'en';

  @Column({ type: 'boolean' })
  active!: boolean;

  /**
   * When this person's sessions last ended (password set, (de)activated, "sign out everywhere"):
   * the API's own tokens signed under an earlier value are refused (apps/api/src/auth/sessions.ts).
   * Null while nothing has ended them.
   */
  @Column({ name: 'sessions_valid_from', type: 'varchar', length: 24, nullable: true })
  sessionsValidFrom!: string | null;

  /**
   * The person's certificate of internal-auditor training, as written on it (what, its number), who
   * issued it and on which day (`YYYY-MM-DD`): their competence to audit on record (ISO 9001 7.2).
   * All null, or all but the issuer set.
   */
  @Column({ name: 'auditor_certificate', type: 'varchar', length: 300, nullable: true })
  auditorCertificate!: string | null;

  @Column({ name: 'auditor_certificate_issuer', type: 'varchar', length: 200, nullable: true })
  auditorCertificateIssuer!: string | null;

  @Column({ name: 'auditor_certified_on', type: 'varchar', length: 10, nullable: true })
  auditorCertifiedOn!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 24 })
  updatedAt!: string;

  /** The name and e-mail as the directory's search compares them (`searchText` of @qcycle/domain). */
  @Column({ name: 'search_text', type: 'text' })
  searchText!: string;

  /**
   * The name as a key whose byte order is Vietnamese order (`nameSortKey` of @qcycle/domain), for a
   * list of people paged by name; on PostgreSQL the column compares in the "C" collation
   * (1796240000000-user-name-sort-key), so the database's locale does not reorder it.
   */
  @Column({ name: 'name_sort_key', type: 'text', default: '' })
  nameSortKey!: string;
}
