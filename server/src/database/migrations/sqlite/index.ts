import { Initial1795398743399 } from './1795398743399-Initial';
import { LoyaltyCore1795400043661 } from './1795400043661-LoyaltyCore';
import { CheckinMemberDay1795400782359 } from './1795400782359-CheckinMemberDay';
import { Referrals1795406708892 } from './1795406708892-Referrals';
import { Mall1795408438720 } from './1795408438720-Mall';
import { MallRefunds1795410964721 } from './1795410964721-MallRefunds';
import { MallFulfilment1795430815896 } from './1795430815896-MallFulfilment';
import { ScaleOut1795431022347 } from './1795431022347-ScaleOut';
import { MemberExports1795431135336 } from './1795431135336-MemberExports';
import { Analytics1795432172950 } from './1795432172950-Analytics';
import { Audiences1795432556052 } from './1795432556052-Audiences';
import { AddCampaigns1795443612854 } from './1795443612854-AddCampaigns';
import { CampaignPartnerItem1795447519865 } from './1795447519865-CampaignPartnerItem';

/** In order; appended by generate-migration.ts. */
export const SQLITE_MIGRATIONS: Function[] = [Initial1795398743399, LoyaltyCore1795400043661, CheckinMemberDay1795400782359, Referrals1795406708892, Mall1795408438720, MallRefunds1795410964721, MallFulfilment1795430815896, ScaleOut1795431022347, MemberExports1795431135336, Analytics1795432172950, Audiences1795432556052, AddCampaigns1795443612854, CampaignPartnerItem1795447519865];
