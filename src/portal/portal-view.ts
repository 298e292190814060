import type { ReasonCodeDialect } from '../errors/reason-catalogue.js';
import type { Language } from '../protocol/language.js';
import type { GuideCommands } from './guide-commands.js';
import type { PortalTexts, ServerFacts } from './portal-texts.js';

/** Everything a portal page renders from: its language and the running server's facts. */
export interface PortalView {
  readonly language: Language;
  /** `/en` or `/fr` when chosen by path or `?lang=`, '' otherwise: links keep it. */
  readonly prefix: string;
  readonly texts: PortalTexts;
  readonly facts: ServerFacts;
  readonly commands: GuideCommands;
  readonly dialect: ReasonCodeDialect;
}
