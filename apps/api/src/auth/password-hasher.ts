import { Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';

/**
 * bcrypt through bcryptjs (pure JavaScript). argon2id would be the stronger choice on paper, but its
 * npm package is a native addon; qcycle already carries one (better-sqlite3) and keeps the API image
 * and `npm start` free of a second compiled dependency. Cost 11 (~2^11 rounds, OWASP asks ≥ 10)
 * keeps a login well under a second in pure JS on a 2-core server.
 */
export const BCRYPT_COST = 11;

/** bcrypt reads at most 72 bytes of a password; longer ones are refused rather than silently cut. */
export const MAX_PASSWORD_BYTES = 72;

/** A valid hash of a random password, compared against when the e-mail is unknown so timing does not tell. */
const UNKNOWN_USER_HASH = '$2b$11$MR.ABcmUj3cWLc28mBRD..PBaZ1xevm7Z72qHCaGWo5M79hlDkTG6';

@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return bcrypt.hash(password, BCRYPT_COST);
  }

  /** False for no hash (an SSO-only user) after the same work as a real comparison. */
  async verify(password: string, hash: string | null): Promise<boolean> {
    const matches = await bcrypt.compare(password, hash ?? UNKNOWN_USER_HASH);
    return hash !== null && matches;
  }
}
