import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type { ApiBody } from '../../../src/api/types.js';
import type { addInboundSchema, addOutboundSchema, createConversationSchema, sendMessageSchema, updateConversationSchema } from '../../../src/resources/conversations/schemas.js';
import type { OnTheWire, UndeclaredFields } from '../../spec-types.js';

// Compile-time (checked by `npm run typecheck`): what the conversations schemas send is what
// spec/apps/conversations.json declares. One difference is pinned below: the spec marks
// SendMessageBodyDto's `subType` and `status` required, yet both describe the message (a free-form
// object and a delivery status) rather than ask for anything, and GHL's send examples omit them; the
// SDK does not send them (docs/ghl-api.md "Calendars and conversations").

type Disputed = 'subType' | 'status';
type Send = z.output<typeof sendMessageSchema>;
type Inbound = z.output<typeof addInboundSchema>;
type Outbound = z.output<typeof addOutboundSchema>;
type Create = z.output<typeof createConversationSchema>;
type Update = z.output<typeof updateConversationSchema>;
type SpecSend = ApiBody<'post', '/conversations/messages'>;
type SpecInbound = ApiBody<'post', '/conversations/messages/inbound'>;
type SpecOutbound = ApiBody<'post', '/conversations/messages/outbound'>;
type SpecCreate = ApiBody<'post', '/conversations/'>;
type SpecUpdate = ApiBody<'put', '/conversations/{conversationId}'>;

describe('conversations schemas vs the types generated from the spec', () => {
  it('send no field the spec does not declare', () => {
    expectTypeOf<UndeclaredFields<Send, SpecSend>>().toBeNever();
    expectTypeOf<UndeclaredFields<Inbound, SpecInbound>>().toBeNever();
    expectTypeOf<UndeclaredFields<Outbound, SpecOutbound>>().toBeNever();
    expectTypeOf<UndeclaredFields<Create, SpecCreate>>().toBeNever();
    expectTypeOf<UndeclaredFields<Update, SpecUpdate>>().toBeNever();
  });

  it("send every field in the spec's type (enums included)", () => {
    expectTypeOf<OnTheWire<Send>>().toExtend<Omit<SpecSend, Disputed>>();
    expectTypeOf<OnTheWire<Inbound>>().toExtend<SpecInbound>();
    expectTypeOf<OnTheWire<Outbound>>().toExtend<SpecOutbound>();
    expectTypeOf<OnTheWire<Create>>().toExtend<SpecCreate>();
    expectTypeOf<OnTheWire<Update>>().toExtend<SpecUpdate>();
  });

  it('differ from the spec only in the pinned fields, and send scheduledTimestamp as a number (epoch seconds)', () => {
    expectTypeOf<SpecSend['subType']>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<SpecSend['status']>().toEqualTypeOf<'delivered' | 'failed' | 'pending' | 'read'>();
    expectTypeOf<Send>().not.toHaveProperty('subType');
    expectTypeOf<Send>().not.toHaveProperty('status');
    expectTypeOf<Send['scheduledTimestamp']>().toEqualTypeOf<number | undefined>();
  });
});
