import type { Language } from '../protocol/language.js';
import { ENGLISH_TEXTS } from './portal-texts.en.js';
import { FRENCH_TEXTS } from './portal-texts.fr.js';
import type { PortalTexts } from './portal-texts.js';

/** The portal's texts by language. */
export const PORTAL_TEXTS: Readonly<Record<Language, PortalTexts>> = { en: ENGLISH_TEXTS, fr: FRENCH_TEXTS };
