/** A control of an HTML form: an `<input>` or a named `<button>`. */
export interface FormControl {
  readonly tag: 'input' | 'button';
  /** The `type` attribute, lower-cased (`text` when absent on an input, `submit` on a button). */
  readonly type: string;
  readonly name: string;
  readonly value: string;
  readonly id: string | undefined;
  readonly checked: boolean;
}

/** A `<form>` of a page as a browser would submit it. */
export interface HtmlForm {
  readonly method: 'GET' | 'POST';
  /** The `action` attribute as written (relative to the page). */
  readonly action: string;
  readonly controls: readonly FormControl[];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/**
 * The forms of a server-rendered page, read well enough for the PSU pages obas renders (double-quoted attributes, no
 * nested forms, no script): a small stand-in for a browser's form handling, never a general HTML parser.
 */
export function formsOf(html: string): HtmlForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map((match) => {
    const attributes = attributesOf(match[1] ?? '');
    return {
      method: attributes.get('method')?.toUpperCase() === 'POST' ? 'POST' : 'GET',
      action: attributes.get('action') ?? '',
      controls: [...(match[2] ?? '').matchAll(/<(input|button)\b([^>]*)>/gi)].flatMap((control) => controlOf(control[1] ?? '', control[2] ?? '')),
    };
  });
}

/**
 * The fields a browser submits for `form` with the given submit button (name and value), after the PSU typed `typed`
 * into text fields and ticked the check boxes or radio buttons whose ids are in `ticked`: hidden and text fields with
 * their values, checked boxes, then what was typed and the button (HTML §4.10.21.4, the form data set).
 */
export function formData(
  form: HtmlForm,
  typed: Readonly<Record<string, string>> = {},
  ticked: readonly string[] = [],
  button?: { readonly name: string; readonly value: string },
): Record<string, string> {
  const data: Record<string, string> = {};
  for (const control of form.controls) {
    if (control.tag !== 'input' || control.name === '') continue;
    const box = control.type === 'checkbox' || control.type === 'radio';
    if (!box || control.checked || (control.id !== undefined && ticked.includes(control.id))) data[control.name] = control.value;
  }
  Object.assign(data, typed);
  if (button !== undefined) data[button.name] = button.value;
  return data;
}

/** The text content of the element with this `id`, tags removed and entities decoded; undefined when absent. */
export function textOfElement(html: string, id: string): string | undefined {
  const match = new RegExp(`<([a-z0-9]+)\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`, 'i').exec(html);
  return match === null ? undefined : decodeEntities((match[2] ?? '').replace(/<[^>]*>/g, ''));
}

/** The `<title>` of a page. */
export function titleOf(html: string): string {
  return decodeEntities(/<title>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '').trim();
}

function controlOf(tag: string, rawAttributes: string): FormControl[] {
  const attributes = attributesOf(rawAttributes);
  const isButton = tag.toLowerCase() === 'button';
  const name = attributes.get('name') ?? '';
  if (isButton && name === '') return [];
  return [
    {
      tag: isButton ? 'button' : 'input',
      type: (attributes.get('type') ?? (isButton ? 'submit' : 'text')).toLowerCase(),
      name,
      value: attributes.get('value') ?? (isButton ? '' : 'on'),
      id: attributes.get('id'),
      checked: attributes.has('checked'),
    },
  ];
}

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*"([^"]*)")?/g)) {
    attributes.set((match[1] ?? '').toLowerCase(), decodeEntities(match[2] ?? ''));
  }
  return attributes;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
}
