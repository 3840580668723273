import QRCode from 'qrcode';
import { type ConsoleApi, describeFailure } from './console-api.ts';
import { byId, showAlert, whileBusy } from './dom.ts';
import { QR_DRAWING_OPTIONS } from './qr-drawing-options.ts';

/** GET /session's data, POST /session/pair's too. */
export interface SessionView {
  status: 'unpaired' | 'pairing' | 'connecting' | 'paired' | 'logged_out';
  jid?: string | null;
  since?: string | null;
  qr?: string;
  pairing_code?: string;
  expires_at?: string;
}

/** While pairing, GET /session is polled this often: a QR payload lasts 20 s or more. */
const POLL_EVERY_MS = 2_000;

const STATUS_TEXT: Record<SessionView['status'], string> = {
  unpaired: 'Not paired: pair a WhatsApp account to look contacts up.',
  pairing: 'Pairing: link this session from WhatsApp on your phone.',
  connecting: 'Connecting: the phone accepted the link.',
  paired: 'Paired.',
  logged_out: 'Logged out by WhatsApp: pair again.',
};

/**
 * The session panel: the status, pairing by QR code (drawn here, redrawn as it rotates) or by
 * phone code, the paired account, and logging the session out. While pairing it polls
 * GET /session, which holds the current QR payload.
 */
export function createSessionPanel(api: ConsoleApi) {
  const status = byId('session-status');
  const account = byId('session-account');
  const qrFigure = byId('session-qr');
  const qrCanvas = byId<HTMLCanvasElement>('session-qr-canvas');
  const code = byId('session-code');
  const expiry = byId('session-expiry');
  const alert = byId('session-alert');
  const pairQr = byId<HTMLButtonElement>('pair-qr');
  const pairPhoneForm = byId<HTMLFormElement>('pair-phone-form');
  const pairPhoneInput = byId<HTMLInputElement>('pair-phone');
  const logOut = byId<HTMLButtonElement>('session-log-out');
  let timer: number | undefined;
  let drawnQr: string | undefined;
  let qrDrawings = 0;
  let active = false;

  async function render(view: SessionView): Promise<void> {
    status.textContent = view.status;
    status.dataset.status = view.status;
    byId('session-status-text').textContent = STATUS_TEXT[view.status];
    account.textContent =
      view.status === 'paired' && view.jid
        ? `WhatsApp account ${view.jid}${view.since ? `, linked ${new Date(view.since).toLocaleString()}` : ''}`
        : '';
    const pairing = view.status === 'pairing';
    if (pairing && view.qr) {
      if (view.qr !== drawnQr) {
        await QRCode.toCanvas(qrCanvas, view.qr, QR_DRAWING_OPTIONS);
        drawnQr = view.qr;
        qrDrawings += 1;
        qrCanvas.dataset.drawings = String(qrDrawings);
      }
    } else {
      drawnQr = undefined;
    }
    qrFigure.hidden = !(pairing && view.qr);
    code.textContent = pairing && view.pairing_code ? view.pairing_code : '';
    code.hidden = !(pairing && view.pairing_code);
    const until = view.expires_at ? new Date(view.expires_at).toLocaleTimeString() : undefined;
    expiry.textContent = !pairing
      ? ''
      : view.pairing_code
        ? `On your phone: WhatsApp → Linked devices → Link a device → Link with phone number instead, then type this code${until ? ` before ${until}` : ''}.`
        : until
          ? `This code is valid until ${until}; a new one replaces it until the attempt ends.`
          : '';
    const canPair = view.status === 'unpaired' || view.status === 'logged_out';
    // Pairing is offered only to a session that is not paired and not pairing already.
    byId('session-pairing-actions').hidden = !canPair;
    logOut.disabled = view.status === 'unpaired';
    schedule(view.status === 'pairing' || view.status === 'connecting');
  }

  function schedule(poll: boolean): void {
    window.clearTimeout(timer);
    timer = poll && active ? window.setTimeout(() => void refresh(), POLL_EVERY_MS) : undefined;
  }

  async function refresh(): Promise<void> {
    try {
      const { data } = await api.call<SessionView>('GET', '/session');
      showAlert(alert, null);
      await render(data);
    } catch (error) {
      showAlert(alert, `Could not read the session: ${describeFailure(error)}`);
      schedule(true);
    }
  }

  async function pair(body: { phone?: string }): Promise<void> {
    try {
      showAlert(alert, null);
      const { data } = await api.call<SessionView>('POST', '/session/pair', body);
      await render(data);
    } catch (error) {
      showAlert(alert, `Could not start pairing: ${describeFailure(error)}`);
    }
  }

  pairQr.addEventListener('click', () => void whileBusy(pairQr, () => pair({})));
  pairPhoneForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const submit = pairPhoneForm.querySelector('button') as HTMLButtonElement;
    void whileBusy(submit, () => pair({ phone: pairPhoneInput.value.trim() }));
  });
  logOut.addEventListener('click', () =>
    whileBusy(logOut, async () => {
      try {
        const { data } = await api.call<SessionView>('DELETE', '/session');
        await render(data);
      } catch (error) {
        showAlert(alert, `Could not log out: ${describeFailure(error)}`);
      }
    }),
  );

  return {
    /** Shows the session (signed in) and keeps it current while pairing. */
    async start(view: SessionView): Promise<void> {
      active = true;
      await render(view);
    },
    stop(): void {
      active = false;
      schedule(false);
    },
  };
}
