import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseWebhookEvent } from '../../../src/webhooks/events/index.js';
import {
  GHLWebhookError,
  isKnownWebhookEvent,
  KNOWN_WEBHOOK_EVENT_TYPES,
  type GHLWebhookEvent,
  type KnownWebhookEventType,
  type UnknownWebhookEvent,
  type WebhookEventOf,
} from '../../../src/webhooks/index.js';
import { GHL_DOC_EXAMPLES } from '../fixtures/ghl-doc-examples.js';

const envelope = { webhookId: 'wh-1', timestamp: '2026-03-01T12:00:00.000Z' };

function malformed(payload: unknown): GHLWebhookError {
  try {
    parseWebhookEvent(payload);
  } catch (error) {
    expect(error).toBeInstanceOf(GHLWebhookError);
    expect((error as GHLWebhookError).reason).toBe('malformed');
    return error as GHLWebhookError;
  }
  throw new Error('expected a malformed rejection');
}

describe('webhook event schemas', () => {
  it('model at least the types the issue lists, as a union on type', () => {
    const required = [
      'INSTALL', 'UNINSTALL', 'PLAN_CHANGE',
      'ContactCreate', 'ContactUpdate', 'ContactDelete', 'ContactDndUpdate', 'ContactTagUpdate',
      'OpportunityCreate', 'OpportunityUpdate', 'OpportunityDelete', 'OpportunityStageUpdate', 'OpportunityStatusUpdate', 'OpportunityMonetaryValueUpdate', 'OpportunityAssignedToUpdate',
      'AppointmentCreate', 'AppointmentUpdate', 'AppointmentDelete',
      'TaskCreate', 'TaskComplete', 'TaskDelete',
      'NoteCreate', 'NoteUpdate', 'NoteDelete',
      'InboundMessage', 'OutboundMessage',
    ];
    expect([...KNOWN_WEBHOOK_EVENT_TYPES].sort()).toEqual(required.sort());
  });

  it(`accept every example payload on GHL's pages for those types (${GHL_DOC_EXAMPLES.length} examples), keeping every field`, () => {
    const covered = new Set<string>();
    for (const { page, payload } of GHL_DOC_EXAMPLES) {
      const event = parseWebhookEvent({ ...payload, ...envelope });
      expect(isKnownWebhookEvent(event), page).toBe(true);
      expect(event, page).toEqual({ ...payload, ...envelope });
      covered.add(event.type);
    }
    expect([...covered].sort()).toEqual([...KNOWN_WEBHOOK_EVENT_TYPES].sort());
  });

  it('accept nulls for documented fields (GHL sends null for empty values)', () => {
    const event = parseWebhookEvent({ type: 'ContactUpdate', locationId: 'l', id: 'c', email: null, tags: null, dnd: null, customFields: null, ...envelope });
    expect(event).toMatchObject({ email: null, tags: null });
  });

  it('accept any type they do not model, unchanged', () => {
    const payload = { type: 'InvoicePaid', amount: 10, nested: { a: [1] }, ...envelope };
    const event = parseWebhookEvent(payload);
    expect(isKnownWebhookEvent(event)).toBe(false);
    expect(event).toEqual(payload);
    expect(isKnownWebhookEvent({ ...payload, type: '__proto__' })).toBe(false);
    expect(isKnownWebhookEvent({ ...payload, type: 'constructor' })).toBe(false);
  });

  it('refuse a payload without the envelope, naming each missing field', () => {
    expect(malformed(null).issues).toEqual([{ path: '(body)', message: 'must be a JSON object' }]);
    expect(malformed('text').issues[0]!.path).toBe('(body)');
    expect(malformed({}).issues.map((issue) => issue.path)).toEqual(['type', 'webhookId', 'timestamp']);
    expect(malformed({ type: 'X', webhookId: 'w', timestamp: 'yesterday' }).issues).toEqual([{ path: 'timestamp', message: 'must be an ISO-8601 date string' }]);
    expect(malformed({ type: '', webhookId: 'w', timestamp: envelope.timestamp }).issues.map((issue) => issue.path)).toEqual(['type']);
  });

  it('refuse a known type whose ids or field types are wrong, naming the fields', () => {
    expect(malformed({ type: 'INSTALL', locationId: 'l', ...envelope }).issues.map((i) => i.path)).toEqual(['appId']);
    expect(malformed({ type: 'AppointmentCreate', locationId: 'l', appointment: { title: 't' }, ...envelope }).issues.map((i) => i.path)).toEqual(['appointment.id']);
    expect(malformed({ type: 'OpportunityCreate', locationId: 'l', id: 'o', monetaryValue: '40', ...envelope }).issues).toEqual([{ path: 'monetaryValue', message: 'expected number' }]);
    const error = malformed({ type: 'NoteCreate', id: 'n', ...envelope });
    expect(error.message).toContain('NoteCreate');
    expect(error.message).toContain('locationId');
  });

  it('types: a discriminated union once the unknown case is ruled out', () => {
    expectTypeOf<WebhookEventOf<'ContactDndUpdate'>['dndSettings']>().not.toBeAny();
    expectTypeOf<KnownWebhookEventType>().toEqualTypeOf<(typeof KNOWN_WEBHOOK_EVENT_TYPES)[number]>();
    const event = parseWebhookEvent({ type: 'TaskCreate', locationId: 'l', id: 't', ...envelope });
    expectTypeOf(event).toEqualTypeOf<GHLWebhookEvent>();
    if (isKnownWebhookEvent(event)) {
      switch (event.type) {
        case 'TaskCreate':
          expectTypeOf(event.dueDate).toEqualTypeOf<string | null | undefined>();
          break;
        case 'UNINSTALL':
          expectTypeOf(event.appId).toEqualTypeOf<string>();
          break;
        default:
          break;
      }
    } else {
      expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent>();
    }
    expect(event.type).toBe('TaskCreate');
  });
});
