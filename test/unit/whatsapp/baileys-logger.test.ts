import { describe, expect, it, vi } from 'vitest';
import { baileysLogger } from '../../../functions/whatsapp/baileys-logger.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

describe('baileysLogger', () => {
  it('forwards warnings without the stanza objects Baileys attaches (personal data)', () => {
    const logger = silentLogger();
    const warn = vi.spyOn(logger, 'warn');

    baileysLogger(logger)
      .child({ class: 'baileys' })
      .warn(
        { jid: '5511987654321@s.whatsapp.net', err: new Error('stream errored') },
        'connection errored',
      );

    expect(warn).toHaveBeenCalledWith('baileys: connection errored', {
      class: 'baileys',
      errorName: 'Error',
      errorMessage: 'stream errored',
    });
    expect(JSON.stringify(warn.mock.calls)).not.toContain('5511987654321');
  });

  it('drops Baileys info and debug chatter', () => {
    const logger = silentLogger();
    const info = vi.spyOn(logger, 'info');
    const debug = vi.spyOn(logger, 'debug');

    baileysLogger(logger).info({ node: { tag: 'iq' } }, 'xml send');

    expect(info).not.toHaveBeenCalled();
    expect(debug).not.toHaveBeenCalled();
  });
});
