import * as z from 'zod/mini';

// Responses: an id is what the SDK needs (to enrol a contact); every other field passes through.
export const workflowsResponseSchema = z.looseObject({ workflows: z.array(z.looseObject({ id: z.string() })) });
