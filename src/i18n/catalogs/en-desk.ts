// The admin desk's words, in English only: the desk stays English while parents read their own language. Its
// sections follow the desk's screens (catalogs/desk/*.ts) and live under `desk` in the English catalog; the
// other catalogs need none of them (catalogs.test.ts), so translating the desk later is adding `desk` keys.
import { account } from './desk/account';
import { audit } from './desk/audit';
import { checks } from './desk/checks';
import { coverage } from './desk/coverage';
import { entry } from './desk/entry';
import { errors } from './desk/errors';
import { importOutcomes } from './desk/import-outcomes';
import { inbox } from './desk/inbox';
import { layout } from './desk/layout';
import { outbox } from './desk/outbox';
import { publish } from './desk/publish';
import { refusals } from './desk/refusals';
import { settings } from './desk/settings';
import { social } from './desk/social';
import { sourceOutcomes } from './desk/source-outcomes';
import { sources } from './desk/sources';
import { subscribers } from './desk/subscribers';
import { time } from './desk/time';
import { translations } from './desk/translations';
import { users } from './desk/users';

export const desk = {
  layout,
  errors,
  account,
  users,
  outbox,
  audit,
  settings,
  social,
  coverage,
  subscribers,
  importOutcomes,
  translations,
  sources,
  sourceOutcomes,
  time,
  inbox,
  entry,
  publish,
  checks,
  refusals,
};
