import type { ErrorPage } from '../protocol/endpoint.types.js';
import { describeWithReason, type ReasonCodeDialect } from '../errors/reason-catalogue.js';
import { html } from './html.js';
import { pageLanguage } from '../protocol/language.js';
import { MESSAGES } from './messages.js';
import { renderPage } from './page-layout.js';
import { pageResponse } from './page-response.js';

/**
 * The error page of the authorization endpoint and the PSU pages (RFC 6749 §4.1.2.1: an invalid client or redirect
 * URI is shown to the PSU, never redirected to). It tells the PSU what to do, and shows the OAuth error code and the
 * profile's reason code for the TPP developer looking over the PSU's shoulder.
 */
export function createErrorPage(dialect: ReasonCodeDialect): ErrorPage {
  return (error, request) => {
    const { language } = pageLanguage(request.url, request.headers['accept-language']);
    const messages = MESSAGES[language];
    const advice = error.reason === 'interaction_expired' ? messages.sessionExpired : messages.errorIntro;
    const main = html`<p class="problem">${advice}</p>
<p class="detail">${messages.errorCode}: <code>${error.code}</code> — ${describeWithReason(error.description, error.reason, dialect)}</p>`;
    return pageResponse(error.status, renderPage({ language, title: messages.errorTitle, main }));
  };
}
