import { type ConsoleApi, describeFailure } from './console-api.ts';
import { byId, definitions, node, showAlert, whileBusy } from './dom.ts';

interface BusinessProfile {
  Address?: string;
  Email?: string;
  Description?: string;
  Website?: string[];
  Categories?: { ID: string; Name: string }[];
  BusinessHoursTimeZone?: string;
  BusinessHours?: { DayOfWeek: string; Mode: string; OpenTime: string; CloseTime: string }[];
}

interface Profile {
  jid: string;
  user_info: {
    Status: string;
    PictureID: string;
    Devices: string[];
    VerifiedName: { Details?: { verifiedName?: string } } | null;
    LID?: string;
  };
  business_profile: BusinessProfile | null;
}

interface Picture {
  jid: string;
  picture: { url: string; id: string } | null;
  visibility?: 'not_set' | 'hidden';
}

/** A query parameter for what the user typed: a JID has an `@`, anything else is a number. */
export function contactQuery(input: string): string {
  const value = input.trim();
  return `${value.includes('@') ? 'jid' : 'number'}=${encodeURIComponent(value)}`;
}

/** Minutes after midnight ("540") as a time of day ("09:00"). */
function timeOfDay(minutes: string): string {
  const total = Number(minutes);
  if (minutes === '' || !Number.isFinite(total)) return '';
  const hours = String(Math.floor(total / 60)).padStart(2, '0');
  return `${hours}:${String(total % 60).padStart(2, '0')}`;
}

function businessSection(business: BusinessProfile): HTMLElement {
  const hours = (business.BusinessHours ?? []).map((day) =>
    node(
      'li',
      {},
      `${day.DayOfWeek}: ${
        day.OpenTime || day.CloseTime
          ? `${timeOfDay(day.OpenTime)}–${timeOfDay(day.CloseTime)}`
          : day.Mode.replaceAll('_', ' ')
      }`,
    ),
  );
  return node(
    'section',
    { 'aria-labelledby': 'lookup-business-heading' },
    node('h4', { id: 'lookup-business-heading' }, 'Business profile'),
    definitions([
      ['Description', business.Description],
      ['Address', business.Address],
      ['Email', business.Email],
      ['Websites', (business.Website ?? []).join(', ')],
      ['Categories', (business.Categories ?? []).map((category) => category.Name).join(', ')],
      [
        'Hours',
        hours.length > 0
          ? node(
              'div',
              {},
              business.BusinessHoursTimeZone ?? '',
              node('ul', { class: 'plain' }, ...hours),
            )
          : null,
      ],
    ]),
  );
}

function pictureFigure(picture: Picture | string, jid: string): HTMLElement {
  if (typeof picture === 'string') return node('p', { class: 'muted' }, picture);
  if (!picture.picture) {
    const why = picture.visibility === 'hidden' ? 'hidden from this session' : 'not set';
    return node('p', { class: 'muted', id: 'lookup-no-picture' }, `No profile picture (${why}).`);
  }
  const image = node('img', {
    id: 'lookup-picture',
    src: picture.picture.url,
    alt: `Profile picture of ${jid}`,
    referrerpolicy: 'no-referrer',
    width: '160',
    height: '160',
  });
  const note = node('p', { class: 'muted', hidden: '' }, 'The picture could not be loaded.');
  image.addEventListener('error', () => {
    image.hidden = true;
    note.hidden = false;
  });
  return node('figure', { class: 'picture' }, image, note);
}

function profileCard(profile: Profile, picture: Picture | string, cache: string): HTMLElement {
  const info = profile.user_info;
  return node(
    'article',
    { class: 'profile', 'aria-labelledby': 'lookup-jid' },
    node('h3', { id: 'lookup-jid' }, profile.jid),
    pictureFigure(picture, profile.jid),
    definitions([
      ['About', node('span', { id: 'lookup-status' }, info.Status || '(none, or hidden)')],
      [
        'Verified business name',
        info.VerifiedName?.Details?.verifiedName ?? (info.VerifiedName ? '(unnamed)' : 'None'),
      ],
      ['Linked identity (LID)', info.LID],
      [
        `Devices (${info.Devices.length})`,
        node('ul', { class: 'plain' }, ...info.Devices.map((device) => node('li', {}, device))),
      ],
      ['Served', cache],
    ]),
    profile.business_profile ? businessSection(profile.business_profile) : null,
  );
}

/** The lookup form: a number or JID in, the profile and its picture out. */
export function createLookupPanel(api: ConsoleApi) {
  const form = byId<HTMLFormElement>('lookup-form');
  const input = byId<HTMLInputElement>('lookup-contact');
  const result = byId('lookup-result');
  const alert = byId('lookup-alert');

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const submit = form.querySelector('button') as HTMLButtonElement;
    void whileBusy(submit, async () => {
      showAlert(alert, null);
      result.replaceChildren();
      const query = contactQuery(input.value);
      try {
        const [profile, picture] = await Promise.all([
          api.call<Profile>('GET', `/contacts/profile?${query}`),
          api
            .call<Picture>('GET', `/contacts/profile-picture?${query}`)
            .then((answer) => answer.data)
            .catch((error: unknown) => `The picture is unavailable: ${describeFailure(error)}`),
        ]);
        const age = profile.headers.get('age');
        const cache = `${profile.headers.get('x-cache') ?? 'unknown'}${age ? `, ${age} s old` : ''}`;
        result.replaceChildren(profileCard(profile.data, picture, cache));
      } catch (error) {
        showAlert(alert, `Lookup failed: ${describeFailure(error)}`);
      }
    });
  });
}
