import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../src/ui/html.js';
import { csrfTokenFor, csrfTokenMatches, readCookie } from '../../src/ui/interaction-cookie.js';
import { pageLanguage } from '../../src/protocol/language.js';

describe('HTML rendering', () => {
  it('escapes every interpolated value, including in attributes', () => {
    const name = `<script>alert("x")</script>&'`;
    expect(escapeHtml(name)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(html`<p title="${name}">${name}</p>`.text).toBe(`<p title="${escapeHtml(name)}">${escapeHtml(name)}</p>`);
    expect(html`<ul>${['a<', 'b'].map((item) => html`<li>${item}</li>`)}</ul>`.text).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(html`${undefined}${null}${false}${0}`.text).toBe('0');
  });
});

describe('page language', () => {
  it.each([
    ['/fr/login', undefined, 'fr', '/fr'],
    ['/en/login', 'fr', 'en', '/en'],
    ['/login?lang=fr', undefined, 'fr', '/fr'],
    ['/login?lang=de', 'fr;q=0.5, de', 'fr', ''],
    ['/login', 'fr-CA,fr;q=0.9,en;q=0.8', 'fr', ''],
    ['/login', 'en;q=0.1, fr;q=0.2', 'fr', ''],
    ['/login', 'fr;q=0, en-GB', 'en', ''],
    ['/login', 'de-DE', 'en', ''],
    ['/login', undefined, 'en', ''],
  ])('%s with Accept-Language %s is %s', (url, acceptLanguage, language, prefix) => {
    expect(pageLanguage(url, acceptLanguage)).toEqual({ language, prefix });
  });
});

describe('session cookie and CSRF token', () => {
  it('reads the named cookie among others', () => {
    expect(readCookie('a=1; __Host-obas-interaction=abc; b=2', '__Host-obas-interaction')).toBe('abc');
    expect(readCookie('a=1', '__Host-obas-interaction')).toBeUndefined();
    expect(readCookie(undefined, 'a')).toBeUndefined();
  });

  it('derives a CSRF token from the session that only that session matches', () => {
    const token = csrfTokenFor('session-one');
    expect(token).not.toContain('session-one');
    expect(csrfTokenMatches('session-one', token)).toBe(true);
    expect(csrfTokenMatches('session-two', token)).toBe(false);
    expect(csrfTokenMatches('session-one', undefined)).toBe(false);
    expect(csrfTokenMatches('session-one', `${token}x`)).toBe(false);
  });
});
