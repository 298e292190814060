/** Languages the PSU pages are written in. */
export type Language = 'en' | 'fr';

/** Supported languages, the default first. */
export const LANGUAGES: readonly Language[] = ['en', 'fr'];

/** The language of a page and whether the PSU chose it explicitly (then links keep it). */
export interface PageLanguage {
  readonly language: Language;
  /** `/fr` when the language came from the path or `?lang=`, so that the next page keeps it; '' otherwise. */
  readonly prefix: string;
}

const isLanguage = (value: string | null | undefined): value is Language => LANGUAGES.includes(value as Language);

/**
 * Chooses the page language: a `/{lang}/…` path prefix, else `?lang=`, else the first supported language in
 * `Accept-Language` by quality (RFC 9110 §12.5.4), else English.
 */
export function pageLanguage(url: string, acceptLanguage: string | undefined): PageLanguage {
  const parsed = new URL(url, 'https://obas.invalid');
  const fromPath = parsed.pathname.split('/')[1];
  if (isLanguage(fromPath)) return { language: fromPath, prefix: `/${fromPath}` };
  const fromQuery = parsed.searchParams.get('lang');
  if (isLanguage(fromQuery)) return { language: fromQuery, prefix: `/${fromQuery}` };
  return { language: fromAcceptLanguage(acceptLanguage), prefix: '' };
}

function fromAcceptLanguage(header: string | undefined): Language {
  if (header === undefined) return 'en';
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { primary: range.trim().toLowerCase().split('-')[0], quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((entry) => entry.primary).find(isLanguage) ?? 'en';
}
