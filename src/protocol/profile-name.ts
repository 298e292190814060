/** Profiles obas ships (DESIGN.md `config/profiles/`). */
export type ProfileName = 'fapi2' | 'uk-ob' | 'stet';
