import fc from 'fast-check';

/**
 * Hostile input for the query parser, the handler and the authorizer: Unicode of every kind,
 * control characters, percent-encodings (valid, truncated, invalid), very long values, and
 * near-misses of the accepted forms.
 */

const SERVERS = [
  's.whatsapp.net',
  'S.WHATSAPP.NET',
  'c.us',
  'lid',
  'g.us',
  'broadcast',
  'newsletter',
  'bot',
  'call',
  'hosted',
  'hosted.lid',
  'msgr',
  'interop',
  'whatsapp.net',
  '',
  's.whatsapp.net ',
  's.whatsapp.net\u0000',
  's.whatsapp.net%00',
  'lid@lid',
];

const PERCENT_PIECES = [
  '%',
  '%2',
  '%zz',
  '%00',
  '%0A',
  '%0d%0a',
  '%C3%28',
  '%E2%82',
  '%E2%82%AC',
  '%F0%9F%98%80',
  '%ED%A0%80',
  '%25',
  '%2540',
  '%40',
  '+',
  '&',
  '=',
  '?',
  ';',
  '\u0000',
  '\u202e',
  '\ufeff',
  '\ud800',
  '١٢٣',
  '１２３',
];

/** Digits that look like a user part: plausible, too long, leading zeros, other scripts. */
export const digitRun = fc.oneof(
  fc.stringMatching(/^[1-9]\d{6,14}$/),
  fc.stringMatching(/^\d{0,30}$/),
  fc.constantFrom('5511999999999', '14155550123', '123456789012345', '447911123456'),
);

/** Something shaped like a JID: user, optional agent and device, then a server. */
export const jidLike = fc
  .tuple(
    digitRun,
    fc.option(fc.stringMatching(/^\.\d{1,4}$/), { nil: '' }),
    fc.option(fc.stringMatching(/^:\d{1,4}$/), { nil: '' }),
    fc.constantFrom('@', '@@', '', '%40', '＠'),
    fc.constantFrom(...SERVERS),
  )
  .map((parts) => parts.join(''));

/** User JIDs in every accepted form (legacy server, agent and device suffixes, any case). */
export const userJid = fc
  .tuple(
    fc.stringMatching(/^[1-9]\d{0,19}$/),
    fc.option(fc.stringMatching(/^\.\d{1,3}$/), { nil: '' }),
    fc.option(fc.stringMatching(/^:\d{1,3}$/), { nil: '' }),
    fc.constantFrom('s.whatsapp.net', 'c.us', 'lid', 'S.WhatsApp.Net', 'C.US', 'LID'),
  )
  .map(([user, agent, device, server]) => `${user}${agent}${device}@${server}`);

/** Something shaped like a phone number, with tolerated and untolerated punctuation. */
export const numberLike = fc
  .array(
    fc.oneof(
      digitRun,
      fc.constantFrom('+', ' ', '-', '.', '(', ')', '/', '#', '*', 'x', 'ext', '\t', '\u00a0'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

export const percentJunk = fc
  .array(fc.oneof(fc.constantFrom(...PERCENT_PIECES), digitRun), { maxLength: 10 })
  .map((parts) => parts.join(''));

/** Any string at all, up to well past every limit the parser sets. */
export const hostileString = fc.oneof(
  { weight: 3, arbitrary: jidLike },
  { weight: 1, arbitrary: userJid },
  { weight: 3, arbitrary: numberLike },
  { weight: 2, arbitrary: percentJunk },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 120, maxLength: 4000 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('jid', 'number'), fc.integer({ min: 100, max: 3000 }))
      .map(([kind, length]) => (kind === 'jid' ? `${'1'.repeat(length)}@lid` : '9'.repeat(length))),
  },
  { weight: 1, arbitrary: fc.constant('') },
);

export const refreshValue = fc.oneof(
  fc.constantFrom('true', 'false', '1', '0', 'TRUE', 'yes', '', ' true'),
  hostileString,
);

/** Parameter names: ours, near-misses, and names that are special to JavaScript objects. */
export const parameterName = fc.oneof(
  fc.constantFrom(
    'jid',
    'number',
    'refresh',
    'JID',
    'Number',
    'jid[]',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** A query as a list of (name, value) pairs: our parameters, repeated ones, and strangers. */
export const queryPairs = fc
  .tuple(
    fc.option(hostileString, { nil: undefined }),
    fc.option(hostileString, { nil: undefined }),
    fc.option(refreshValue, { nil: undefined }),
    fc.array(fc.tuple(parameterName, hostileString), { maxLength: 4 }),
  )
  .map(([jid, number, refresh, extra]) => {
    const pairs: [string, string][] = [];
    if (jid !== undefined) pairs.push(['jid', jid]);
    if (number !== undefined) pairs.push(['number', number]);
    if (refresh !== undefined) pairs.push(['refresh', refresh]);
    return [...pairs, ...extra];
  });

/** Authorization header values: schemes, near-UUIDs, junk, and Unicode. */
export const authorizationValue = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('Bearer', 'bearer', 'BEARER', 'Basic', 'Token', 'Bearer:', ''),
      fc.constantFrom(' ', '  ', '\t', ''),
      fc.oneof(
        fc.uuid(),
        fc.uuid({ version: 4 }),
        fc.stringMatching(/^[0-9a-fA-F-]{0,48}$/),
        hostileString,
      ),
      fc.constantFrom('', ' ', ' extra', ',Bearer x'),
    )
    .map((parts) => parts.join('')),
  hostileString,
);

/** Tokens as they may appear anywhere a client can put them (long enough to be recognisable). */
export const tokenLike = fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-f]{12,40}$/));
