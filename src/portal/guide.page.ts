import { html, type SafeHtml } from '../ui/html.js';
import type { GuideCommands } from './guide-commands.js';
import { renderPortalPage } from './portal-layout.js';
import type { GuideBlock, GuideSection } from './portal-texts.js';
import type { PortalView } from './portal-view.js';
import { richText } from './rich-text.js';

/** One block of guide text as HTML: a paragraph, a list, or a command in a `pre` block. */
export function renderBlock(block: GuideBlock, commands: GuideCommands): SafeHtml {
  if ('command' in block) return html`<pre><code>${commands[block.command]}</code></pre>\n`;
  if ('items' in block) return html`<ul>${block.items.map((item) => html`<li>${richText(item)}</li>`)}</ul>\n`;
  return html`<p>${richText(block.text)}</p>\n`;
}

function renderSections(intro: string, sections: readonly GuideSection[], commands: GuideCommands): SafeHtml {
  return html`<p>${richText(intro)}</p>
<ol class="toc">${sections.map((section) => html`<li><a href="#${section.id}">${section.heading}</a></li>`)}</ol>
${sections.map(
  (section) => html`<section id="${section.id}">
<h2>${section.heading}</h2>
${section.blocks.map((block) => renderBlock(block, commands))}</section>
`,
)}`;
}

/** `/docs`: onboarding, from a certificate to a first token. */
export function renderGuidePage(view: PortalView): SafeHtml {
  const guide = view.texts.guide;
  const main = renderSections(guide.intro(view.facts), guide.sections, view.commands);
  return renderPortalPage({ language: view.language, prefix: view.prefix, page: 'guide', title: guide.title, main });
}

/** `/docs/flows`: the PSU authorization flows of each profile, with their commands. */
export function renderFlowsPage(view: PortalView): SafeHtml {
  const flows = view.texts.flows;
  const main = renderSections(flows.intro(view.facts), flows.sections, view.commands);
  return renderPortalPage({ language: view.language, prefix: view.prefix, page: 'flows', title: flows.title, main });
}
