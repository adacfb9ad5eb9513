import * as z from 'zod/mini';

/**
 * Building blocks of the event schemas. GHL's event pages (docs/ghl-api.md §7, §12) mark no
 * field required and GHL sends `null` for empty fields elsewhere, so every documented field is
 * optional and nullable; only what identifies the event (its ids) is required. Objects are loose:
 * a field GHL adds later passes through untouched.
 */

/** Fields GHL puts on every webhook. */
export interface WebhookEnvelope {
  /** Unique per event; the replay check keys on it. */
  webhookId: string;
  /** ISO-8601 time GHL sent the event; the freshness check reads it. */
  timestamp: string;
}

export const optionalString = z.optional(z.nullable(z.string()));
export const optionalNumber = z.optional(z.nullable(z.number()));
export const optionalBoolean = z.optional(z.nullable(z.boolean()));
export const optionalStrings = z.optional(z.nullable(z.array(z.string())));
/** Arrays GHL documents without an item type (attachments). */
export const optionalList = z.optional(z.nullable(z.array(z.unknown())));
/** GHL documents a string, its examples send a list (email `to`). */
export const optionalStringOrStrings = z.optional(z.nullable(z.union([z.string(), z.array(z.string())])));

/** A loose object schema for one event type, with the envelope fields every event carries. */
export function eventSchema<Type extends string, Shape extends z.core.$ZodLooseShape>(type: Type, shape: Shape) {
  return z.looseObject({ ...shape, type: z.literal(type), webhookId: z.string(), timestamp: z.string() });
}
