import { randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUID v7: unique across instances, friendly to InnoDB/TiDB primary keys. */
export function newId(): string {
  return uuidv7();
}

/** Invite codes avoid look-alike characters and fit WeChat's `scene` character set. */
const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newInviteCode(length = 8): string {
  let code = '';
  for (let i = 0; i < length; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return code;
}

export const INVITE_CODE_PATTERN = /^[A-Z2-9]{6,16}$/;
