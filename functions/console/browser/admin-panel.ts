import { ApiError, type ConsoleApi, describeFailure } from './console-api.ts';
import { byId, node, showAlert, whileBusy } from './dom.ts';

interface TokenRecord {
  id: string;
  user: string;
  label?: string | null;
  role: string;
  created_at: string;
}
interface SessionRecord {
  user: string;
  status: string;
  jid: string | null;
  since: string | null;
}
interface Webhook {
  url: string;
  events: string[];
  secret?: string;
}

/** Whether the signed-in token is an admin's: GET /admin/sessions answers it, not 403/404. */
export async function isAdminToken(api: ConsoleApi): Promise<boolean> {
  try {
    await api.call('GET', '/admin/sessions');
    return true;
  } catch (error) {
    if (error instanceof ApiError && [403, 404].includes(error.status)) return false;
    throw error;
  }
}

function table(headings: string[], rows: (string | Node)[][], caption: string): HTMLElement {
  if (rows.length === 0) return node('p', { class: 'muted' }, `No ${caption.toLowerCase()}.`);
  return node(
    'table',
    {},
    node('caption', {}, caption),
    node(
      'thead',
      {},
      node('tr', {}, ...headings.map((heading) => node('th', { scope: 'col' }, heading))),
    ),
    node(
      'tbody',
      {},
      ...rows.map((cells) => node('tr', {}, ...cells.map((cell) => node('td', {}, cell)))),
    ),
  );
}

/** The tenant's tokens (create, list, revoke), sessions and webhook, for an admin token. */
export function createAdminPanel(api: ConsoleApi) {
  const alert = byId('admin-alert');
  const tokens = byId('admin-tokens');
  const sessions = byId('admin-sessions');
  const created = byId('admin-token-created');
  const tokenForm = byId<HTMLFormElement>('admin-token-form');
  const webhookForm = byId<HTMLFormElement>('admin-webhook-form');
  const webhookUrl = byId<HTMLInputElement>('admin-webhook-url');
  const webhookSecret = byId('admin-webhook-secret');
  const webhookDelete = byId<HTMLButtonElement>('admin-webhook-delete');

  async function guarded(action: () => Promise<void>): Promise<void> {
    try {
      showAlert(alert, null);
      await action();
    } catch (error) {
      showAlert(alert, describeFailure(error));
    }
  }

  async function loadTokens(): Promise<void> {
    const { data } = await api.call<TokenRecord[]>('GET', '/admin/tokens');
    tokens.replaceChildren(
      table(
        ['User', 'Label', 'Role', 'Created', ''],
        data.map((token) => {
          const revoke = node('button', { type: 'button', class: 'danger' }, 'Revoke');
          revoke.setAttribute('aria-label', `Revoke token ${token.id} of ${token.user}`);
          revoke.addEventListener('click', () =>
            whileBusy(revoke, () =>
              guarded(async () => {
                await api.call('DELETE', `/admin/tokens/${encodeURIComponent(token.id)}`);
                await loadTokens();
              }),
            ),
          );
          return [token.user, token.label ?? '', token.role, token.created_at, revoke];
        }),
        'Tokens',
      ),
    );
  }

  async function loadSessions(): Promise<void> {
    const { data } = await api.call<SessionRecord[]>('GET', '/admin/sessions');
    sessions.replaceChildren(
      table(
        ['User', 'Status', 'Account', 'Since'],
        data.map((session) => [
          session.user,
          session.status,
          session.jid ?? '',
          session.since ?? '',
        ]),
        'Sessions',
      ),
    );
  }

  async function loadWebhook(): Promise<void> {
    const { data } = await api.call<Webhook | null>('GET', '/admin/webhook');
    webhookUrl.value = data?.url ?? '';
    // No webhook yet: every event type checked, as the API's default.
    for (const box of webhookForm.querySelectorAll<HTMLInputElement>('input[name="events"]')) {
      box.checked = data ? data.events.includes(box.value) : true;
    }
    webhookDelete.disabled = data === null;
  }

  tokenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(tokenForm);
    const label = String(form.get('label') ?? '').trim();
    void guarded(async () => {
      const { data } = await api.call<TokenRecord & { token: string }>('POST', '/admin/tokens', {
        user: String(form.get('user') ?? '').trim(),
        ...(label ? { label } : {}),
      });
      created.replaceChildren(
        node('p', {}, `Token for ${data.user} (shown this once; copy it now): `),
        node('code', {}, data.token),
      );
      created.hidden = false;
      tokenForm.reset();
      await loadTokens();
    });
  });

  webhookForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const events = [...webhookForm.querySelectorAll<HTMLInputElement>('input[name="events"]')]
      .filter((box) => box.checked)
      .map((box) => box.value);
    void guarded(async () => {
      const { data } = await api.call<Webhook>('PUT', '/admin/webhook', {
        url: webhookUrl.value.trim(),
        events,
      });
      webhookSecret.textContent = data.secret
        ? `Signing secret (shown this once): ${data.secret}`
        : '';
      await loadWebhook();
    });
  });
  webhookDelete.addEventListener('click', () =>
    whileBusy(webhookDelete, () =>
      guarded(async () => {
        await api.call('DELETE', '/admin/webhook');
        webhookSecret.textContent = '';
        await loadWebhook();
      }),
    ),
  );

  return {
    async show(): Promise<void> {
      await guarded(async () => {
        await Promise.all([loadTokens(), loadSessions(), loadWebhook()]);
      });
    },
    /** Forgets everything shown (on sign-out): the next token may belong to someone else. */
    clear(): void {
      for (const shown of [created, tokens, sessions]) shown.replaceChildren();
      created.hidden = true;
      webhookSecret.textContent = '';
      webhookForm.reset();
    },
  };
}
