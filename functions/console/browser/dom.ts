/** Small DOM helpers: elements by id (typed, failing loudly), and building nodes from text only. */
export function byId<Kind extends HTMLElement = HTMLElement>(id: string): Kind {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the console page has no #${id}`);
  return found as Kind;
}

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; text is always text (never parsed as HTML). */
export function node<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[Tag] {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    created.append(child);
  }
  return created;
}

/** A definition list of label → value rows, leaving out rows without a value. */
export function definitions(rows: [string, Child][]): HTMLDListElement {
  const list = node('dl');
  for (const [label, value] of rows) {
    if (value === null || value === undefined || value === false || value === '') continue;
    list.append(node('dt', {}, label), node('dd', {}, value));
  }
  return list;
}

/** Shows `message` in an alert region (screen readers announce it), or clears it. */
export function showAlert(region: HTMLElement, message: string | null): void {
  region.textContent = message ?? '';
  region.hidden = message === null;
}

/** Runs a button's action with the button disabled, so a double click does not send twice. */
export async function whileBusy(button: HTMLButtonElement, action: () => Promise<void>) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}
