import { offsetPaging, paginate } from '../http/paginate.js';
import type { CallOptions } from '../http/transport.js';
import { APIResource } from '../resources/resource.js';
import { installedLocationsPageSchema, installedLocationsParamsSchema, searchLocationsParamsSchema, searchLocationsResponseSchema } from './schemas.js';
import type { InstalledLocation, InstalledLocationsParams, LocationSummary, SearchLocationsParams } from './types.js';

const DEFAULT_PAGE_SIZE = 100;

/**
 * `company.locations`: the agency's view of its sub-accounts. Every request carries the company
 * token (the company client's requester), and the company id GHL's agency endpoints require.
 */
export class CompanyLocations extends APIResource {
  protected readonly version = '2021-07-28';
  readonly #companyId: string;
  readonly #appId: () => string;

  /** @internal */
  constructor(requester: ConstructorParameters<typeof APIResource>[0], companyId: string, appId: () => string) {
    super(requester);
    this.#companyId = companyId;
    this.#appId = appId;
  }

  /**
   * `GET /locations/search` (Agency-Access, `locations.readonly`; spec/apps/locations.json): one page
   * of the agency's locations.
   */
  async search(params: SearchLocationsParams = {}, call?: CallOptions): Promise<LocationSummary[]> {
    const input = this.validate(searchLocationsParamsSchema, params, 'location search parameters');
    const query = { companyId: this.#companyId, skip: input.skip, limit: input.limit, order: input.order, email: input.email };
    const answer = await this.request({ method: 'GET', path: '/locations/search', query, response: searchLocationsResponseSchema, what: 'location search' }, call);
    return answer.locations as LocationSummary[];
  }

  /**
   * `GET /oauth/installedLocations` (Agency-Access-Only, `oauth.readonly`; docs/ghl-api.md §1.4):
   * every location of the agency with the app's install state, page after page (`skip`/`limit`).
   */
  installed(params: InstalledLocationsParams = {}, call?: CallOptions): AsyncIterable<InstalledLocation> {
    const input = this.validate(installedLocationsParamsSchema, params, 'installed locations parameters');
    const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
    const appId = input.appId ?? this.#appId();
    return paginate(
      offsetPaging(pageSize),
      async (skip, pageCall) => {
        const query = { companyId: this.#companyId, appId, skip: String(skip), limit: String(pageSize), isInstalled: input.isInstalled, query: input.query };
        const page = await this.request({ method: 'GET', path: '/oauth/installedLocations', query, response: installedLocationsPageSchema, what: 'installed locations' }, pageCall);
        const items = page.locations.map(({ _id, ...rest }) => ({ ...rest, id: _id }) as InstalledLocation);
        return { items, total: page.count };
      },
      call,
    );
  }
}
