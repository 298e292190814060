import { html, type SafeHtml } from '../ui/html.js';

/** Text with `code` spans between backticks, as HTML: the text is escaped, each backticked run becomes `<code>`. */
export function richText(text: string): SafeHtml {
  return html`${text.split('`').map((part, index) => (index % 2 === 1 ? html`<code>${part}</code>` : part))}`;
}
