import { html, type SafeHtml } from '../ui/html.js';
import { renderPortalPage } from './portal-layout.js';
import { localizedPath, PORTAL_PATHS } from './portal-paths.js';
import type { LinkText } from './portal-texts.js';
import type { PortalView } from './portal-view.js';
import { richText } from './rich-text.js';

/** Front-channel paths the landing page links to that belong to other features. */
export interface LandingTargets {
  readonly openidConfiguration: string;
  readonly authorizationServerMetadata: string;
  readonly jwks: string;
  /** The PSU consent dashboard (it has its own `/en`, `/fr` variants). */
  readonly consents: string;
}

function linkList(entries: readonly (readonly [string, LinkText])[]): SafeHtml {
  return html`<dl class="links">${entries.map(([href, text]) => html`<dt><a href="${href}">${text.label}</a></dt><dd>${text.description}</dd>`)}</dl>`;
}

/** `/`: what this server is, and a link to everything a visitor can open in a browser. */
export function renderLandingPage(view: PortalView, targets: LandingTargets): SafeHtml {
  const texts = view.texts.landing;
  const links = texts.links;
  const at = (page: Parameters<typeof localizedPath>[1]) => localizedPath(view.prefix, page);
  const main = html`<p>${richText(texts.intro(view.facts))}</p>
<h2>${texts.developersHeading}</h2>
${linkList([
  [at('guide'), links.guide],
  [at('flows'), links.flows],
  [at('errors'), links.errors],
  [at('api'), links.api],
  [PORTAL_PATHS.openApiJson, links.openApiJson],
  [PORTAL_PATHS.openApiYaml, links.openApiYaml],
])}
<p>${richText(texts.mtlsNote(view.facts.mtlsBaseUrl))}</p>
<h2>${texts.discoveryHeading}</h2>
${linkList([
  [targets.openidConfiguration, links.openidConfiguration],
  [targets.authorizationServerMetadata, links.authorizationServerMetadata],
  [targets.jwks, links.jwks],
])}
<h2>${texts.customersHeading}</h2>
${linkList([[`${view.prefix}${targets.consents}`, links.consents]])}
`;
  return renderPortalPage({ language: view.language, prefix: view.prefix, page: 'home', title: texts.title, main });
}
