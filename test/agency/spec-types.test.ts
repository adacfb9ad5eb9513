import { describe, expectTypeOf, it } from 'vitest';
import type { ApiBody, ApiQuery, ApiResult } from '../../src/api/types.js';
import type { InstalledLocation, LocationSummary, SearchLocationsParams } from '../../src/agency/types.js';

// Compile-time (checked by `npm run typecheck`): what the agency side sends and reads, against the
// types generated from spec/apps/oauth.json and spec/apps/locations.json.

type InstalledQuery = ApiQuery<'get', '/oauth/installedLocations'>;
type SearchQuery = ApiQuery<'get', '/locations/search'>;

describe('agency requests vs the spec types', () => {
  it('installedLocations sends query parameters the spec declares (skip/limit as strings)', () => {
    expectTypeOf<'companyId' | 'appId' | 'skip' | 'limit' | 'isInstalled' | 'query'>().toExtend<keyof InstalledQuery>();
    expectTypeOf<string>().toExtend<NonNullable<InstalledQuery['skip']>>();
    expectTypeOf<boolean>().toExtend<NonNullable<InstalledQuery['isInstalled']>>();
  });

  it('locations.search sends query parameters the spec declares', () => {
    expectTypeOf<keyof SearchLocationsParams | 'companyId'>().toExtend<keyof SearchQuery>();
  });

  it('the mint sends the two form fields the spec requires', () => {
    expectTypeOf<{ companyId: string; locationId: string }>().toExtend<ApiBody<'post', '/oauth/locationToken'>>();
  });

  it('reads fields the answers declare', () => {
    type Installed = NonNullable<ApiResult<'get', '/oauth/installedLocations'>['locations']>[number];
    expectTypeOf<Installed['_id']>().toEqualTypeOf<string>();
    expectTypeOf<Installed['name']>().toExtend<InstalledLocation['name']>();
    type Searched = NonNullable<ApiResult<'get', '/locations/search'>['locations']>[number];
    expectTypeOf<'id'>().toExtend<keyof Searched>();
    expectTypeOf<LocationSummary['id']>().toEqualTypeOf<string>();
    type Minted = ApiResult<'post', '/oauth/locationToken'>;
    expectTypeOf<'access_token' | 'expires_in' | 'locationId'>().toExtend<keyof Minted>();
  });
});
