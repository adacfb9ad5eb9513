import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type { ApiBody } from '../../../src/api/types.js';
import type { addToWorkflowSchema, createNoteSchema, createTaskSchema, updateNoteSchema, updateTaskSchema } from '../../../src/resources/contacts/activity-schemas.js';
import type { OnTheWire, UndeclaredFields } from '../../spec-types.js';

// Compile-time (checked by `npm run typecheck`): what the notes, tasks and workflow schemas let
// through is what spec/apps/contacts.json declares, field by field and type by type.

type CreateNote = z.output<typeof createNoteSchema>;
type UpdateNote = z.output<typeof updateNoteSchema>;
type UpdateTask = z.output<typeof updateTaskSchema>;
type AddToWorkflow = z.output<typeof addToWorkflowSchema>;
// `completed` is required by the spec and optional in the schema: the resource sends `false` when omitted.
type CreateTask = z.output<typeof createTaskSchema> & { completed: boolean };

describe('contact activity schemas vs the types generated from the spec', () => {
  it('send no field the spec does not declare', () => {
    expectTypeOf<UndeclaredFields<CreateNote, ApiBody<'post', '/contacts/{contactId}/notes'>>>().toBeNever();
    expectTypeOf<UndeclaredFields<UpdateNote, ApiBody<'put', '/contacts/{contactId}/notes/{id}'>>>().toBeNever();
    expectTypeOf<UndeclaredFields<CreateTask, ApiBody<'post', '/contacts/{contactId}/tasks'>>>().toBeNever();
    expectTypeOf<UndeclaredFields<UpdateTask, ApiBody<'put', '/contacts/{contactId}/tasks/{taskId}'>>>().toBeNever();
    expectTypeOf<UndeclaredFields<AddToWorkflow, ApiBody<'post', '/contacts/{contactId}/workflow/{workflowId}'>>>().toBeNever();
  });

  it("send every field in the spec's type", () => {
    expectTypeOf<OnTheWire<CreateNote>>().toExtend<ApiBody<'post', '/contacts/{contactId}/notes'>>();
    expectTypeOf<OnTheWire<UpdateNote>>().toExtend<ApiBody<'put', '/contacts/{contactId}/notes/{id}'>>();
    expectTypeOf<OnTheWire<CreateTask>>().toExtend<ApiBody<'post', '/contacts/{contactId}/tasks'>>();
    expectTypeOf<OnTheWire<UpdateTask>>().toExtend<ApiBody<'put', '/contacts/{contactId}/tasks/{taskId}'>>();
    expectTypeOf<{ completed: boolean }>().toExtend<ApiBody<'put', '/contacts/{contactId}/tasks/{taskId}/completed'>>();
    expectTypeOf<OnTheWire<AddToWorkflow>>().toExtend<ApiBody<'post', '/contacts/{contactId}/workflow/{workflowId}'>>();
  });
});
