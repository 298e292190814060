import { STATUS_BY_CODE } from '../errors/oauth-error.js';
import { REASONS, type ReasonCodes } from '../errors/reason-catalogue.js';
import { html, type SafeHtml } from '../ui/html.js';
import { renderBlock } from './guide.page.js';
import { renderPortalPage } from './portal-layout.js';
import type { PortalView } from './portal-view.js';
import { richText } from './rich-text.js';

/**
 * `/docs/errors`: the error model rendered from the code itself, as docs/errors.md is — the OAuth error codes with
 * their HTTP status ({@link STATUS_BY_CODE}) and every reason of the catalogue ({@link REASONS}) with its UK OB and
 * STET codes — so that the page cannot drift from what the server answers.
 */
export function renderErrorsPage(view: PortalView): SafeHtml {
  const texts = view.texts.errors;
  const codes = Object.entries(STATUS_BY_CODE).map(([code, status]) => html`<tr><td><code>${code}</code></td><td>${status}</td></tr>`);
  const reasons = Object.entries(REASONS).map(
    ([key, entry]: [string, ReasonCodes]) =>
      html`<tr id="reason-${key}"><td><code>${key}</code></td><td>${entry.when}</td><td><code>${entry.uk.code}</code> ${entry.uk.name}</td><td><code>${entry.stet.code}</code> ${entry.stet.name}</td></tr>`,
  );
  const main = html`${texts.intro.map((block) => renderBlock(block, view.commands))}
<h2 id="codes">${texts.codesHeading}</h2>
<table><thead><tr><th>${texts.codeColumn}</th><th>${texts.statusColumn}</th></tr></thead>
<tbody>${codes}</tbody></table>
<h2 id="reasons">${texts.reasonsHeading}</h2>
<p>${richText(texts.reasonsIntro(view.dialect))}</p>
<table><thead><tr><th>${texts.reasonColumn}</th><th>${texts.whenColumn}</th><th>UK OB</th><th>STET</th></tr></thead>
<tbody>${reasons}</tbody></table>
`;
  return renderPortalPage({ language: view.language, prefix: view.prefix, page: 'errors', title: texts.title, main });
}
