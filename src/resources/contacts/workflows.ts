import { path } from '../../http/path.js';
import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { addToWorkflowSchema } from './activity-schemas.js';
import type { AddToWorkflowOptions } from './activity-types.js';

/** `ghl.contacts.workflows`: enrolling a contact in a workflow (`/contacts/{contactId}/workflow/{workflowId}`). */
export class ContactWorkflows extends APIResource {
  protected readonly version = '2021-07-28';

  /**
   * `POST /contacts/{contactId}/workflow/{workflowId}`: starts the workflow for the contact. Never
   * replayed once it may have reached GHL (a second enrolment can run the workflow's actions twice);
   * on a dropped connection, check the contact in GHL's workflow before adding it again.
   */
  async add(contactId: string, workflowId: string, options: AddToWorkflowOptions = {}, call?: CallOptions): Promise<void> {
    const url = path`/contacts/${{ contactId }}/workflow/${{ workflowId }}`;
    const body = this.validate(addToWorkflowSchema, options, 'workflow enrolment');
    await this.request(
      { method: 'POST', path: url, body, idempotent: false, nextStep: "check the workflow's enrolments in GHL before adding the contact again", what: 'workflow add', scope: 'contacts.write' },
      call,
    );
  }

  /** `DELETE /contacts/{contactId}/workflow/{workflowId}`: takes the contact out of the workflow. */
  async remove(contactId: string, workflowId: string, call?: CallOptions): Promise<void> {
    const url = path`/contacts/${{ contactId }}/workflow/${{ workflowId }}`;
    await this.request({ method: 'DELETE', path: url, what: 'workflow remove', scope: 'contacts.write' }, call);
  }
}
