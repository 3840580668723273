import { createAdminPanel, isAdminToken } from './admin-panel.ts';
import { createApiReference } from './api-reference.ts';
import { createConsoleApi, describeFailure } from './console-api.ts';
import { byId, showAlert, whileBusy } from './dom.ts';
import { createLookupPanel } from './lookup-panel.ts';
import { createSessionPanel, type SessionView } from './session-panel.ts';

/** The token lives in this tab's session storage only: never a URL, a cookie or a log. */
const TOKEN_KEY = 'wa-contact-profile.token';
const VIEWS = ['session', 'lookup', 'admin', 'reference'] as const;
type View = (typeof VIEWS)[number];

const storedToken = () => sessionStorage.getItem(TOKEN_KEY);
const api = createConsoleApi(storedToken);
const session = createSessionPanel(api);
const admin = createAdminPanel(api);
const reference = createApiReference(storedToken);
createLookupPanel(api);

const signInSection = byId('sign-in');
const signInForm = byId<HTMLFormElement>('sign-in-form');
const signInAlert = byId('sign-in-alert');
const tokenInput = byId<HTMLInputElement>('sign-in-token');

function showView(view: View): void {
  for (const name of VIEWS) {
    byId(`view-${name}`).hidden = name !== view;
    const tab = byId(`nav-${name}`);
    if (name === view) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  if (view === 'reference') void reference.show();
  if (view === 'admin') void admin.show();
  if (view === 'session' && !storedToken()) tokenInput.focus();
}

function setSignedIn(signedIn: boolean, isAdmin = false): void {
  document.body.dataset.signedIn = String(signedIn);
  signInSection.hidden = signedIn;
  byId('session-panel').hidden = !signedIn;
  byId('nav-lookup').hidden = !signedIn;
  byId('nav-admin').hidden = !(signedIn && isAdmin);
  byId('sign-out').hidden = !signedIn;
}

async function enter(view: SessionView): Promise<void> {
  const isAdmin = await isAdminToken(api).catch(() => false);
  setSignedIn(true, isAdmin);
  await session.start(view);
  showView('session');
}

function signOut(message: string | null = null): void {
  sessionStorage.removeItem(TOKEN_KEY);
  session.stop();
  admin.clear();
  byId('lookup-result').replaceChildren();
  setSignedIn(false);
  showAlert(signInAlert, message);
  showView('session');
}

signInForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = tokenInput.value.trim();
  const submit = signInForm.querySelector('button') as HTMLButtonElement;
  void whileBusy(submit, async () => {
    showAlert(signInAlert, null);
    try {
      // The token is tried before it is kept: a wrong one is never stored.
      const { data } = await createConsoleApi(() => token).call<SessionView>('GET', '/session');
      sessionStorage.setItem(TOKEN_KEY, token);
      signInForm.reset();
      await enter(data);
    } catch (error) {
      showAlert(signInAlert, `Sign-in failed: ${describeFailure(error)}`);
      tokenInput.focus();
    }
  });
});

byId('sign-out').addEventListener('click', () => signOut());
for (const name of VIEWS) byId(`nav-${name}`).addEventListener('click', () => showView(name));

async function start(): Promise<void> {
  setSignedIn(false);
  showView('session');
  if (!storedToken()) return;
  try {
    const { data } = await api.call<SessionView>('GET', '/session');
    await enter(data);
  } catch (error) {
    signOut(`Signed out: ${describeFailure(error)}`);
  }
}

void start();
