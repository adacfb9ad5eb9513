import { randomUUID } from 'node:crypto';
import { routeBuilder, type ApiContext } from '../../api-route.js';
import { badRequest, forbiddenLocation, notFound, unprocessable } from '../../api-errors.js';
import { checkedBody, objectBody, type Checked } from '../../request-body.js';
import { contactName, type ContactStore, type SimulatedContact } from './store.js';
import { parseSearchBody, matchesQuery, searchContacts } from './search.js';
import { isRecord } from '../../dto.js';
import { validateContactBody, type ContactDto } from './validation.js';
import { json, type SimResponse } from '../../wire.js';

/** Every contacts operation uses this Version (docs/ghl-api.md §3). */
const route = routeBuilder('2021-07-28');

/**
 * The contacts endpoints of docs/ghl-api.md §3. Check order follows GHL's NestJS pipeline: location guard
 * (403) and body validation (422) before the handler looks anything up (404/400).
 */
export function contactRoutes(store: ContactStore, settings: { allowDuplicateContacts: boolean }) {
  /** The 400 GHL sends when a write would duplicate an existing contact's email/phone (docs/ghl-api.md §3.7). */
  function duplicateError(locationId: string, body: Record<string, unknown>, excludeId?: string): SimResponse | undefined {
    if (settings.allowDuplicateContacts) return undefined;
    const match = store.findDuplicate(locationId, body['email'], body['phone'], excludeId);
    if (!match) return undefined;
    return json(400, {
      statusCode: 400,
      message: 'This location does not allow duplicated contacts.',
      meta: { contactId: match.contact.id, contactName: contactName(match.contact), matchingField: match.matchingField },
    });
  }

  return [
    // Create: 201 `{contact}` (docs/ghl-api.md §3, §3.1).
    route('POST /contacts/', (context) => {
      const checked = writeBody(context, 'create');
      if ('error' in checked) return checked.error;
      const body = checked.value;
      const locationId = body['locationId'] as string;
      return duplicateError(locationId, body) ?? json(201, { contact: store.create(locationId, body, context.now) });
    }),

    // Upsert: 200 `{new, contact, traceId}`; matching and `createNewIfDuplicateAllowed` per docs/ghl-api.md §3.2.
    route('POST /contacts/upsert', (context) => {
      const checked = writeBody(context, 'upsert');
      if ('error' in checked) return checked.error;
      const body = checked.value;
      const locationId = body['locationId'] as string;
      const traceId = randomUUID();
      if (body['createNewIfDuplicateAllowed'] === true && settings.allowDuplicateContacts) {
        return json(200, { new: true, contact: store.create(locationId, body, context.now), traceId });
      }
      const byEmail = store.findBy(locationId, 'email', body['email']);
      const existing = byEmail ?? store.findBy(locationId, 'phone', body['phone']);
      if (!existing) return json(200, { new: true, contact: store.create(locationId, body, context.now), traceId });
      // Matched by email while another contact owns the phone: GHL keeps the email match and silently
      // drops the phone to avoid a duplicate (docs/ghl-api.md §3.2, https://github.com/GoHighLevel/highlevel-api-docs/issues/37).
      const phoneOwner = store.findBy(locationId, 'phone', body['phone'], existing.id);
      const input = phoneOwner ? { ...body, phone: undefined } : body;
      return json(200, { new: false, contact: store.apply(existing, input, context.now), traceId });
    }),

    // Deprecated list: `{contacts, count}`, query `locationId` (required), `query`, `limit` (≤100), `startAfterId` (§3.4).
    route('GET /contacts/', (context) => {
      const locationId = context.query.get('locationId');
      const limit = Number(context.query.get('limit') ?? '20');
      const messages = [
        ...(locationId ? [] : ['locationId should not be empty']),
        ...(Number.isInteger(limit) && limit >= 1 && limit <= 100 ? [] : ['limit must be an integer between 1 and 100']),
      ];
      if (messages.length > 0) return unprocessable(messages);
      if (locationId !== context.grant.locationId) return forbiddenLocation();
      const matches = store.list(locationId).filter((contact) => matchesQuery(contact, context.query.get('query') ?? undefined));
      const startAfterId = context.query.get('startAfterId');
      const start = startAfterId ? matches.findIndex((contact) => contact.id === startAfterId) + 1 : 0;
      return json(200, { contacts: matches.slice(start, start + limit), count: matches.length });
    }),

    // Search: 200 `{contacts, total}` (§3.4); contacts.readonly, so no duplicate or write rules.
    route('POST /contacts/search', (context) => {
      const body = context.body ?? {};
      if (!isRecord(body)) return badRequest('Request body must be a JSON object');
      if (typeof body['locationId'] === 'string' && body['locationId'] !== context.grant.locationId) return forbiddenLocation();
      const params = parseSearchBody(body);
      if (Array.isArray(params)) return unprocessable(params);
      if (params.locationId !== context.grant.locationId) return forbiddenLocation();
      return json(200, searchContacts(store.list(params.locationId), params));
    }),

    route('GET /contacts/:contactId', (context) => {
      const found = accessible(context);
      return 'error' in found ? found.error : json(200, { contact: found.value });
    }),

    // Update: 200 `{succeded, contact}` (sic); `locationId` is not in UpdateContactDto, so it is a 422 (§3.3).
    route('PUT /contacts/:contactId', (context) => {
      const checked = validBody(context, 'update');
      if ('error' in checked) return checked.error;
      const body = checked.value;
      const found = accessible(context);
      if ('error' in found) return found.error;
      const contact = found.value;
      return duplicateError(contact.locationId, body, contact.id) ?? json(200, { succeded: true, contact: store.apply(contact, body, context.now) });
    }),

    route('DELETE /contacts/:contactId', (context) => {
      const found = accessible(context);
      if ('error' in found) return found.error;
      store.delete(found.value.id);
      return json(200, { succeded: true });
    }),

    // Tags: add → 201, remove (JSON body on DELETE) → 200; both answer the contact's tags afterwards (§3.5).
    route('POST /contacts/:contactId/tags', (context) => {
      const checked = validBody(context, 'tags');
      if ('error' in checked) return checked.error;
      const found = accessible(context);
      return 'error' in found ? found.error : json(201, { tags: store.addTags(found.value, checked.value['tags'] as string[], context.now) });
    }),

    route('DELETE /contacts/:contactId/tags', (context) => {
      const checked = validBody(context, 'tags');
      if ('error' in checked) return checked.error;
      const found = accessible(context);
      return 'error' in found ? found.error : json(200, { tags: store.removeTags(found.value, checked.value['tags'] as string[], context.now) });
    }),
  ];

  /**
   * The contact named by `:contactId`, or the error to send. Unknown ids get 404: GHL's real answer
   * is undocumented (the spec declares 400/401/422 only), and 404 is what an SDK should map to "not found".
   * A contact of another location is a 403, like any cross-location access.
   */
  function accessible(context: ApiContext): Checked<SimulatedContact> {
    const contact = store.get(context.params['contactId'] ?? '');
    if (!contact) return { error: notFound('Contact not found') };
    return contact.locationId === context.grant.locationId ? { value: contact } : { error: forbiddenLocation() };
  }
}

/** A create/upsert body that names the token's own location and passes validation, or the error to send. */
function writeBody(context: ApiContext, dto: ContactDto): Checked<Record<string, unknown>> {
  const checked = objectBody(context);
  if ('error' in checked) return checked;
  const body = checked.value;
  const locationId = body['locationId'];
  if (typeof locationId === 'string' && locationId !== '' && locationId !== context.grant.locationId) return { error: forbiddenLocation() };
  const messages = validateContactBody(body, dto);
  if (messages.length > 0) return { error: unprocessable(messages) };
  // Still possible here: a Company token, which has no location at all.
  return body['locationId'] === context.grant.locationId ? { value: body } : { error: forbiddenLocation() };
}

/** A body that passes `dto`'s validation, or the error to send. */
function validBody(context: ApiContext, dto: ContactDto): Checked<Record<string, unknown>> {
  return checkedBody(context, (body) => validateContactBody(body, dto));
}
