import { ValidationError } from '../errors/app-errors.ts';

/** Servers that address user contacts; `c.us` is the legacy name of `s.whatsapp.net`. */
const USER_SERVERS: Record<string, 's.whatsapp.net' | 'lid'> = {
  's.whatsapp.net': 's.whatsapp.net',
  'c.us': 's.whatsapp.net',
  lid: 'lid',
};

/** Other servers WhatsApp uses, named so the error can say what was given. */
const OTHER_SERVER_KINDS: Record<string, string> = {
  'g.us': 'a group JID',
  broadcast: 'a broadcast JID',
  newsletter: 'a newsletter JID',
  bot: 'a bot JID',
  call: 'a call JID',
  hosted: 'a hosted JID',
  'hosted.lid': 'a hosted JID',
  msgr: 'a Messenger JID',
  interop: 'an interop JID',
};

const MAX_JID_LENGTH = 128;
const USER_PART = /^(?<user>\d{1,20})(?:\.(?<agent>\d{1,3}))?(?::(?<device>\d{1,3}))?$/;

/**
 * Normalises a user JID as the contract pins it down: `<digits>@s.whatsapp.net`,
 * `<digits>@lid`, legacy `@c.us` rewritten, agent and device suffixes stripped.
 * Anything else is a ValidationError whose message names the problem.
 */
export function normaliseUserJid(raw: string): string {
  if (raw.length === 0) throw new ValidationError('jid must not be empty');
  if (raw.length > MAX_JID_LENGTH) {
    throw new ValidationError(`jid is too long (at most ${MAX_JID_LENGTH} characters)`);
  }
  const at = raw.indexOf('@');
  if (at === -1 || raw.indexOf('@', at + 1) !== -1) {
    throw new ValidationError('jid must look like <digits>@s.whatsapp.net or <digits>@lid');
  }
  const userPart = raw.slice(0, at);
  const server = raw.slice(at + 1).toLowerCase();
  const userServer = USER_SERVERS[server];
  if (!userServer) {
    const kind = OTHER_SERVER_KINDS[server];
    if (kind) throw new ValidationError(`jid must be a user JID; got ${kind}`);
    throw new ValidationError(
      'jid must be a user JID on s.whatsapp.net, lid or c.us; got an unknown server',
    );
  }
  if (userPart.length === 0) {
    throw new ValidationError('jid must be a user JID; got a server-only JID');
  }
  const match = USER_PART.exec(userPart);
  const user = match?.groups?.user;
  if (!user) {
    throw new ValidationError(
      'jid user part must be digits, optionally followed by .<agent> and :<device>',
    );
  }
  if (user.startsWith('0')) throw new ValidationError('jid user part must not start with 0');
  return `${user}@${userServer}`;
}

/** The user part of a normalised JID (its digits). */
export function jidUser(jid: string): string {
  const at = jid.indexOf('@');
  return at === -1 ? jid : jid.slice(0, at);
}
