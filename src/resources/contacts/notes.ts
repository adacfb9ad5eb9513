import { path } from '../../http/path.js';
import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { createNoteSchema, noteEnvelopeSchema, notesResponseSchema, updateNoteSchema } from './activity-schemas.js';
import type { CreateNoteInput, Note, UpdateNoteInput } from './activity-types.js';

/** `ghl.contacts.notes`: a contact's notes (`/contacts/{contactId}/notes`, spec/apps/contacts.json). */
export class ContactNotes extends APIResource {
  protected readonly version = '2021-07-28';

  /** `GET /contacts/{contactId}/notes`: every note of the contact (GHL does not page them). */
  async list(contactId: string, call?: CallOptions): Promise<Note[]> {
    const answer = await this.request({ method: 'GET', path: path`/contacts/${{ contactId }}/notes`, response: notesResponseSchema, what: 'note list', scope: 'contacts.readonly' }, call);
    return answer.notes as Note[];
  }

  /** `GET /contacts/{contactId}/notes/{id}`. */
  async get(contactId: string, noteId: string, call?: CallOptions): Promise<Note> {
    const answer = await this.request({ method: 'GET', path: path`/contacts/${{ contactId }}/notes/${{ noteId }}`, response: noteEnvelopeSchema, what: 'note get', scope: 'contacts.readonly' }, call);
    return answer.note as Note;
  }

  /**
   * `POST /contacts/{contactId}/notes` → the new note. Never replayed once it may have reached GHL
   * (a replay would add the note twice): on a dropped connection the error says so; list the notes
   * to see whether it was added before creating it again.
   */
  async create(contactId: string, input: CreateNoteInput, call?: CallOptions): Promise<Note> {
    const url = path`/contacts/${{ contactId }}/notes`;
    const body = this.validate(createNoteSchema, input, 'note');
    const answer = await this.request(
      { method: 'POST', path: url, body, idempotent: false, nextStep: "list the contact's notes to see whether it was added before creating it again", response: noteEnvelopeSchema, what: 'note create', scope: 'contacts.write' },
      call,
    );
    return answer.note as Note;
  }

  /** `PUT /contacts/{contactId}/notes/{id}`. */
  async update(contactId: string, noteId: string, input: UpdateNoteInput, call?: CallOptions): Promise<Note> {
    const url = path`/contacts/${{ contactId }}/notes/${{ noteId }}`;
    const body = this.validate(updateNoteSchema, input, 'note update');
    const answer = await this.request({ method: 'PUT', path: url, body, response: noteEnvelopeSchema, what: 'note update', scope: 'contacts.write' }, call);
    return answer.note as Note;
  }

  /** `DELETE /contacts/{contactId}/notes/{id}`. */
  async delete(contactId: string, noteId: string, call?: CallOptions): Promise<void> {
    await this.request({ method: 'DELETE', path: path`/contacts/${{ contactId }}/notes/${{ noteId }}`, what: 'note delete', scope: 'contacts.write' }, call);
  }
}
