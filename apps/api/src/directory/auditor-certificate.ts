import { instantToVnLocal, isIsoDate } from '@qcycle/domain';
import type { UserEntity } from '@qcycle/persistence';
import { refusedField } from './directory-errors';
import type { AuditorCertificateDto, AuditorCertificateView } from './dto/directory.dto';

type CertificateColumns = Pick<
  UserEntity,
  'auditorCertificate' | 'auditorCertificateIssuer' | 'auditorCertifiedOn'
>;

/**
 * The user's columns for an internal-auditor certificate as sent (null: none on record). Its day
 * must be a real one that has come, in Vietnam: the pipe checks only its shape, so a 30 February or a
 * certificate dated tomorrow is refused here, with 422 naming `auditorCertificate.issuedOn`.
 */
export function certificateColumns(sent: AuditorCertificateDto | null): CertificateColumns {
  if (sent === null)
    return { auditorCertificate: null, auditorCertificateIssuer: null, auditorCertifiedOn: null };
  const today = instantToVnLocal(new Date().toISOString()).date;
  if (!isIsoDate(sent.issuedOn))
    throw refusedField('auditorCertificate.issuedOn', `${sent.issuedOn} is not a day of the calendar`);
  if (sent.issuedOn > today)
    throw refusedField(
      'auditorCertificate.issuedOn',
      `${sent.issuedOn} has not come yet (today is ${today})`,
    );
  return {
    auditorCertificate: sent.certificate.trim(),
    auditorCertificateIssuer: sent.issuedBy?.trim() || null,
    auditorCertifiedOn: sent.issuedOn,
  };
}

/** The certificate a user has on record, as the directory and the people list give it. */
export function certificateView(user: CertificateColumns): AuditorCertificateView | null {
  if (user.auditorCertificate === null || user.auditorCertifiedOn === null) return null;
  return {
    certificate: user.auditorCertificate,
    issuedBy: user.auditorCertificateIssuer,
    issuedOn: user.auditorCertifiedOn,
  };
}
