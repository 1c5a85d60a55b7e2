import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { KONTUM_2024_TEMPLATE, nameSortKey, searchText } from '@qcycle/domain';
import {
  OrganisationEntity,
  OrganisationUnitEntity,
  RoleAssignmentEntity,
  UserEntity,
  WHOLE_ORGANISATION_SCOPE,
  type UserRole,
} from '@qcycle/persistence';
import type { PasswordHasher } from '../auth/password-hasher';

/**
 * The demo password of every seeded user. Public on purpose (it is printed at start): the seed
 * runs only with SEED_DEMO_DATA=true, which the configuration refuses in production.
 */
export const DEMO_PASSWORD = 'qcycle-demo-2024';

export interface DemoUser {
  email: string;
  fullName: string;
  title: string;
  unitCode: string | null;
  roles: { role: UserRole; unitCode?: string }[];
  /** Their internal-auditor certificate (ISO 9001 7.2), if the directory has one on record. */
  auditorCertificate?: { certificate: string; issuedBy: string; issuedOn: string };
}

/** The demo auditors' training (ILLUSTRATIVE, like their names): one course, two certificates. */
const AUDITOR_COURSE = 'Chứng chỉ chuyên gia đánh giá nội bộ HTQLCL theo TCVN ISO 9001:2015';
const AUDITOR_COURSE_ISSUER = 'Trung tâm Năng suất Việt Nam';

const DEMO_EMAIL_DOMAIN = 'kontum.qcycle.test';
const demoEmail = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;

/**
 * One user per role of the organisation's own people (docs/security.md "Roles") in the Kon Tum
 * organisation of the 2024 template; the external auditor, from the certification body, is granted
 * by the administrator when the audit comes. The leader is the signer of the seed decision; every
 * other name is ILLUSTRATIVE (invented), like the units.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: demoEmail('admin'),
    fullName: 'Quản trị hệ thống',
    title: 'Quản trị viên',
    unitCode: 'vp-hanhchinh-tochuc',
    roles: [{ role: 'admin' }],
  },
  {
    email: demoEmail('leader'),
    fullName: 'Nguyễn Hữu Tháp',
    title: 'Phó Chủ tịch UBND tỉnh',
    unitCode: null,
    roles: [{ role: 'leader' }],
  },
  {
    email: demoEmail('qmr'),
    fullName: 'Trần Quốc Việt',
    title: 'Chánh Văn phòng UBND tỉnh',
    unitCode: null,
    roles: [{ role: 'quality-representative' }],
  },
  {
    email: demoEmail('head.tthc'),
    fullName: 'Phạm Thị Hoa',
    title: 'Trưởng phòng Kiểm soát thủ tục hành chính',
    unitCode: 'vp-kiemsoat-tthc',
    roles: [{ role: 'unit-head', unitCode: 'vp-kiemsoat-tthc' }],
  },
  {
    email: demoEmail('head.tonghop'),
    fullName: 'Võ Đình Nam',
    title: 'Trưởng phòng Tổng hợp',
    unitCode: 'vp-tonghop',
    roles: [{ role: 'unit-head', unitCode: 'vp-tonghop' }],
  },
  {
    email: demoEmail('staff.tthc'),
    fullName: 'Nguyễn Thị Lan',
    title: 'Chuyên viên',
    unitCode: 'vp-kiemsoat-tthc',
    roles: [{ role: 'staff' }],
  },
  {
    email: demoEmail('staff.tonghop'),
    fullName: 'Hoàng Văn Minh',
    title: 'Chuyên viên',
    unitCode: 'vp-tonghop',
    roles: [{ role: 'staff' }],
  },
  {
    email: demoEmail('auditor.hcth'),
    fullName: 'Đặng Thu Trang',
    title: 'Chuyên viên, đánh giá viên nội bộ',
    unitCode: 'vp-hanhchinh-tochuc',
    roles: [{ role: 'auditor' }],
    auditorCertificate: {
      certificate: `${AUDITOR_COURSE} số 0418/2023`,
      issuedBy: AUDITOR_COURSE_ISSUER,
      issuedOn: '2023-06-16',
    },
  },
  {
    email: demoEmail('auditor.kinhte'),
    fullName: 'Bùi Quang Huy',
    title: 'Chuyên viên, đánh giá viên nội bộ',
    unitCode: 'vp-kinhte',
    roles: [{ role: 'auditor' }],
  },
  {
    email: demoEmail('lead.auditor'),
    fullName: 'Lý Thị Mai',
    title: 'Phó Giám đốc Trung tâm, trưởng đoàn đánh giá',
    unitCode: 'vp-ttpvhcc',
    roles: [{ role: 'lead-auditor' }, { role: 'auditor' }],
    // Bùi Quang Huy, the other auditor, has none on record yet: the audit plan's form says so.
    auditorCertificate: {
      certificate: `${AUDITOR_COURSE} số 0127/2021`,
      issuedBy: AUDITOR_COURSE_ISSUER,
      issuedOn: '2021-09-24',
    },
  },
  {
    // The clerical office's văn thư: numbers the signed reports on sending (docs/documents.md
    // "Numbering on sending") and files the year's dossier; never on a cycle's roster.
    email: demoEmail('vanthu'),
    fullName: 'Đỗ Thị Hằng',
    title: 'Văn thư',
    unitCode: 'vp-hanhchinh-tochuc',
    roles: [{ role: 'clerk' }],
  },
];

/** What the start command prints: who to sign in as, for each role. */
export interface DemoLogin {
  email: string;
  password: string;
  fullName: string;
  roles: string[];
  unitCode: string | null;
}

export function demoLogins(): DemoLogin[] {
  return DEMO_USERS.map((u) => ({
    email: u.email,
    password: DEMO_PASSWORD,
    fullName: u.fullName,
    roles: u.roles.map((r) => (r.unitCode ? `${r.role}:${r.unitCode}` : r.role)),
    unitCode: u.unitCode,
  }));
}

/**
 * Seeds the Kon Tum organisation of the 2024 template, its units and the demo users, idempotently:
 * what exists is left as it is (a changed password or role survives a restart), only what is
 * missing is added. Returns how many rows were added.
 */
export async function seedDemoDirectory(
  dataSource: DataSource,
  hasher: PasswordHasher,
  options: { organisationCode?: string; emailDomain?: string } = {},
): Promise<number> {
  // Suites sharing one Temporal server seed under their own organisation code (workflow ids carry it).
  const organisation = {
    ...KONTUM_2024_TEMPLATE.organisation,
    code: options.organisationCode ?? KONTUM_2024_TEMPLATE.organisation.code,
  };
  const emailOf = (demo: DemoUser) =>
    options.emailDomain ? demo.email.replace(`@${DEMO_EMAIL_DOMAIN}`, `@${options.emailDomain}`) : demo.email;
  const stamp = new Date().toISOString();
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  return dataSource.transaction(async (manager) => {
    let added = 0;
    if (!(await manager.existsBy(OrganisationEntity, { code: organisation.code }))) {
      await manager.insert(OrganisationEntity, {
        code: organisation.code,
        nameVi: organisation.name.vi,
        nameEn: organisation.name.en,
        createdAt: stamp,
        updatedAt: stamp,
      });
      added++;
    }
    for (const unit of organisation.units) {
      if (
        await manager.existsBy(OrganisationUnitEntity, {
          organisationCode: organisation.code,
          code: unit.code,
        })
      )
        continue;
      await manager.insert(OrganisationUnitEntity, {
        organisationCode: organisation.code,
        code: unit.code,
        nameVi: unit.name.vi,
        nameEn: unit.name.en,
        parentCode: null,
        createdAt: stamp,
        updatedAt: stamp,
        searchText: searchText(unit.code, unit.name.vi, unit.name.en),
      });
      added++;
    }
    for (const demo of DEMO_USERS) {
      let user = await manager.findOneBy(UserEntity, { email: emailOf(demo) });
      if (!user) {
        user = Object.assign(new UserEntity(), {
          id: randomUUID(),
          organisationCode: organisation.code,
          unitCode: demo.unitCode,
          fullName: demo.fullName,
          title: demo.title,
          email: emailOf(demo),
          passwordHash,
          oidcSubject: null,
          locale: 'vi' as const,
          active: true,
          createdAt: stamp,
          updatedAt: stamp,
          searchText: searchText(demo.fullName, emailOf(demo)),
          nameSortKey: nameSortKey(demo.fullName),
          auditorCertificate: demo.auditorCertificate?.certificate ?? null,
          auditorCertificateIssuer: demo.auditorCertificate?.issuedBy ?? null,
          auditorCertifiedOn: demo.auditorCertificate?.issuedOn ?? null,
        });
        await manager.insert(UserEntity, user);
        added++;
        // Roles only for a user the seed creates: an administrator's later changes are kept.
        for (const grant of demo.roles) {
          await manager.insert(RoleAssignmentEntity, {
            id: randomUUID(),
            userId: user.id,
            organisationCode: organisation.code,
            role: grant.role,
            scope: grant.unitCode ?? WHOLE_ORGANISATION_SCOPE,
            createdAt: stamp,
          });
          added++;
        }
      }
    }
    return added;
  });
}

/** Marks the block the start command (scripts/start.mjs) picks out of the API's output. */
export const DEMO_LOGINS_MARKER = 'QCYCLE_DEMO_LOGINS';

/**
 * The demo logins for the console: a readable table, then one machine-readable line
 * `QCYCLE_DEMO_LOGINS {"password":…,"users":[…]}` for the start command.
 */
export function formatDemoLogins(publicUrl: string): string {
  const logins = demoLogins();
  const width = Math.max(...logins.map((l) => l.email.length));
  const lines = [
    `── qcycle demo users (SEED_DEMO_DATA=true; password for all: ${DEMO_PASSWORD}) ──`,
    ...logins.map((l) => `  ${l.email.padEnd(width)}  ${l.roles.join(', ').padEnd(32)} ${l.fullName}`),
    `  sign in: curl -s ${publicUrl}/api/v1/auth/login -H 'content-type: application/json' -d '{"email":"${logins[0].email}","password":"${DEMO_PASSWORD}"}'`,
    `${DEMO_LOGINS_MARKER} ${JSON.stringify({ password: DEMO_PASSWORD, users: logins.map(({ password: _p, ...rest }) => rest) })}`,
  ];
  return lines.join('\n');
}
