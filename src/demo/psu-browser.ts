import { formData, formsOf, type HtmlForm } from './html-forms.js';
import type { HttpsTransport } from './https-transport.js';

/** A page or redirect as the PSU's browser received it. */
export interface Page {
  readonly url: string;
  readonly status: number;
  /** The `Location` of a redirect, resolved against the page URL. */
  readonly location: string | undefined;
  readonly body: string;
}

/**
 * The PSU's browser, without a browser: a cookie jar, GETs, and form submissions with the `Origin` header a browser
 * sends, over a transport that presents no client certificate (the front channel asks for none). Redirects are
 * followed only when asked, and only within the issuer's origin: a redirect elsewhere is where the TPP takes over.
 */
export class PsuBrowser {
  readonly #origin: string;
  readonly #transport: HttpsTransport;
  readonly #cookies = new Map<string, string>();

  constructor(issuer: string, transport: HttpsTransport) {
    this.#origin = new URL(issuer).origin;
    this.#transport = transport;
  }

  open(url: string): Promise<Page> {
    return this.#send('GET', url);
  }

  /** Follows a redirect within the issuer's origin; an Error when the page is no such redirect. */
  follow(page: Page): Promise<Page> {
    if (page.location === undefined || new URL(page.location).origin !== this.#origin) {
      throw new Error(`${page.url} answered ${page.status} where a redirect within ${this.#origin} was expected`);
    }
    return this.#send('GET', page.location);
  }

  /** Submits a form of `page` with the fields of {@link formData}. */
  submit(page: Page, form: HtmlForm, fields: Record<string, string>): Promise<Page> {
    const target = new URL(form.action, page.url);
    if (form.method === 'POST') return this.#send('POST', target.href, new URLSearchParams(fields).toString());
    for (const [name, value] of Object.entries(fields)) target.searchParams.set(name, value);
    return this.#send('GET', target.href);
  }

  /** Submits the only form of `page` that has a control named `controlName`, typing `typed` into it. */
  fill(page: Page, controlName: string, typed: Record<string, string>): Promise<Page> {
    const form = formWith(page, (candidate) => candidate.controls.some((control) => control.name === controlName));
    return this.submit(page, form, formData(form, typed));
  }

  async #send(method: 'GET' | 'POST', url: string, body?: string): Promise<Page> {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const exchange = await this.#transport.send({
      method,
      url,
      headers: {
        accept: 'text/html',
        ...(cookie === '' ? {} : { cookie }),
        ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded', origin: this.#origin }),
      },
      ...(body === undefined ? {} : { body }),
    });
    this.#keepCookies(exchange.responseHeaders['set-cookie']);
    const location = exchange.responseHeaders['location'];
    return {
      url,
      status: exchange.status,
      location: typeof location === 'string' ? new URL(location, url).href : undefined,
      body: exchange.responseBody,
    };
  }

  #keepCookies(header: string | readonly string[] | undefined): void {
    const lines = header === undefined ? [] : typeof header === 'string' ? [header] : header;
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const expired = attributes.some((attribute) => /^\s*max-age\s*=\s*0\s*$/i.test(attribute));
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(separator + 1).trim());
    }
  }
}

/** The one form of a page that matches; an Error naming the page when there is none or more than one. */
export function formWith(page: Page, matches: (form: HtmlForm) => boolean): HtmlForm {
  const found = formsOf(page.body).filter(matches);
  const [form] = found;
  if (form === undefined || found.length > 1) throw new Error(`${page.url} (HTTP ${page.status}) has ${found.length} forms of the kind expected, not one`);
  return form;
}
