import type { ProfileName } from '../../protocol/profile-name.js';
import type { ProfileSettings } from '../config.types.js';
import { FAPI2_PROFILE } from './fapi2.profile.js';
import { STET_PROFILE } from './stet.profile.js';
import { UK_OB_PROFILE } from './uk-ob.profile.js';

/** The shipped profiles by name: the defaults that `profile.*` settings in the configuration override. */
export const PROFILES: Readonly<Record<ProfileName, ProfileSettings>> = {
  fapi2: FAPI2_PROFILE,
  'uk-ob': UK_OB_PROFILE,
  stet: STET_PROFILE,
};

/** Profile names in documentation order. */
export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];
