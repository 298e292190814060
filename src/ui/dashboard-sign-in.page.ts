import { html, type SafeHtml } from './html.js';
import type { PageLanguage } from '../protocol/language.js';
import { MESSAGES } from './messages.js';
import { renderPage } from './page-layout.js';

/** The page after the dashboard session ended: logged out, or too many failed sign-in attempts. */
export function renderDashboardEndedPage(language: PageLanguage, why: 'logged-out' | 'too-many-failures'): SafeHtml {
  const messages = MESSAGES[language.language];
  const intro = why === 'logged-out' ? html`<p>${messages.loggedOutIntro}</p>` : html`<p class="problem" role="alert">${messages.signInEnded}</p>`;
  const main = html`${intro}
<p><a href="${language.prefix}/consents">${messages.logInAgain}</a></p>`;
  return renderPage({ language: language.language, title: why === 'logged-out' ? messages.loggedOutTitle : messages.dashboardTitle, main });
}
