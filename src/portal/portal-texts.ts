import type { ProfileName } from '../protocol/profile-name.js';
import type { GuideCommand } from './guide-commands.js';

/**
 * One block of a guide section. Text may hold `code` spans between backticks; a command block shows one of the
 * {@link GuideCommand}s, the same in every language.
 */
export type GuideBlock = { readonly text: string } | { readonly command: GuideCommand } | { readonly items: readonly string[] };

/** A section of a guide page, its `id` the fragment that links to it. */
export interface GuideSection {
  readonly id: string;
  readonly heading: string;
  readonly blocks: readonly GuideBlock[];
}

/** What the pages say about the running server. */
export interface ServerFacts {
  readonly issuer: string;
  readonly mtlsBaseUrl: string;
  readonly profile: ProfileName;
}

/** A link of the landing page: where it goes is the page's business, this is what it says. */
export interface LinkText {
  readonly label: string;
  readonly description: string;
}

/** Every piece of text of the developer portal, per language. */
export interface PortalTexts {
  readonly siteName: string;
  /** Link text to the page in the other language, written in that language. */
  readonly otherLanguage: string;
  readonly navigationLabel: string;
  readonly nav: { readonly home: string; readonly guide: string; readonly flows: string; readonly errors: string; readonly api: string };
  readonly landing: {
    readonly title: string;
    readonly intro: (facts: ServerFacts) => string;
    readonly developersHeading: string;
    readonly discoveryHeading: string;
    readonly customersHeading: string;
    readonly links: {
      readonly guide: LinkText;
      readonly flows: LinkText;
      readonly errors: LinkText;
      readonly api: LinkText;
      readonly openApiJson: LinkText;
      readonly openApiYaml: LinkText;
      readonly openidConfiguration: LinkText;
      readonly authorizationServerMetadata: LinkText;
      readonly jwks: LinkText;
      readonly consents: LinkText;
    };
    readonly mtlsNote: (mtlsBaseUrl: string) => string;
  };
  readonly guide: { readonly title: string; readonly intro: (facts: ServerFacts) => string; readonly sections: readonly GuideSection[] };
  readonly flows: { readonly title: string; readonly intro: (facts: ServerFacts) => string; readonly sections: readonly GuideSection[] };
  readonly errors: {
    readonly title: string;
    readonly intro: readonly GuideBlock[];
    readonly codesHeading: string;
    readonly codeColumn: string;
    readonly statusColumn: string;
    readonly reasonsHeading: string;
    readonly reasonsIntro: (dialect: string) => string;
    readonly reasonColumn: string;
    readonly whenColumn: string;
  };
  readonly api: { readonly title: string; readonly intro: string; readonly download: string; readonly loading: string };
}
