import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type { ApiBody } from '../../../src/api/types.js';
import type { createAppointmentSchema, createNoteSchema, updateAppointmentSchema } from '../../../src/resources/calendars/schemas.js';
import type { OnTheWire, UndeclaredFields } from '../../spec-types.js';

// Compile-time (checked by `npm run typecheck`): what the calendars schemas send is what
// spec/apps/calendars.json declares, field by field and type by type. Times are accepted as a Date,
// epoch ms or a string and leave the schema in the spec's form (an ISO string), so the schemas'
// output types are held to the spec with no exception.

type Create = z.output<typeof createAppointmentSchema>;
type Update = z.output<typeof updateAppointmentSchema>;
type Note = z.output<typeof createNoteSchema>;
type SpecCreate = ApiBody<'post', '/calendars/events/appointments'>;
type SpecUpdate = ApiBody<'put', '/calendars/events/appointments/{eventId}'>;
type SpecNote = ApiBody<'post', '/calendars/appointments/{appointmentId}/notes'>;

describe('calendars schemas vs the types generated from the spec', () => {
  it('send no field the spec does not declare', () => {
    expectTypeOf<UndeclaredFields<Create, SpecCreate>>().toBeNever();
    expectTypeOf<UndeclaredFields<Update, SpecUpdate>>().toBeNever();
    expectTypeOf<UndeclaredFields<Note, SpecNote>>().toBeNever();
  });

  it("send every field in the spec's type (enums included)", () => {
    expectTypeOf<OnTheWire<Create>>().toExtend<SpecCreate>();
    expectTypeOf<OnTheWire<Update>>().toExtend<SpecUpdate>();
    expectTypeOf<OnTheWire<Note>>().toExtend<SpecNote>();
  });

  it('send appointment times as strings, as the spec types them', () => {
    expectTypeOf<Create['startTime']>().toEqualTypeOf<string>();
    expectTypeOf<SpecCreate['startTime']>().toEqualTypeOf<string>();
  });
});
