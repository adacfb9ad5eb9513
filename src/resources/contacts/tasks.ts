import { path } from '../../http/path.js';
import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { completedSchema, createTaskSchema, taskEnvelopeSchema, tasksResponseSchema, updateTaskSchema } from './activity-schemas.js';
import type { CreateTaskInput, Task, UpdateTaskInput } from './activity-types.js';

/** `ghl.contacts.tasks`: a contact's tasks (`/contacts/{contactId}/tasks`, spec/apps/contacts.json). */
export class ContactTasks extends APIResource {
  protected readonly version = '2021-07-28';

  /** `GET /contacts/{contactId}/tasks`: every task of the contact (GHL does not page them). */
  async list(contactId: string, call?: CallOptions): Promise<Task[]> {
    const answer = await this.request({ method: 'GET', path: path`/contacts/${{ contactId }}/tasks`, response: tasksResponseSchema, what: 'task list', scope: 'contacts.readonly' }, call);
    return answer.tasks as Task[];
  }

  /** `GET /contacts/{contactId}/tasks/{taskId}`. */
  async get(contactId: string, taskId: string, call?: CallOptions): Promise<Task> {
    const answer = await this.request({ method: 'GET', path: path`/contacts/${{ contactId }}/tasks/${{ taskId }}`, response: taskEnvelopeSchema, what: 'task get', scope: 'contacts.readonly' }, call);
    return answer.task as Task;
  }

  /**
   * `POST /contacts/{contactId}/tasks` → the new task (`completed` defaults to false: GHL requires it).
   * Never replayed once it may have reached GHL; on a dropped connection list the tasks before
   * creating it again.
   */
  async create(contactId: string, input: CreateTaskInput, call?: CallOptions): Promise<Task> {
    const url = path`/contacts/${{ contactId }}/tasks`;
    const valid = this.validate(createTaskSchema, input, 'task');
    const body = { ...valid, completed: valid.completed ?? false };
    const answer = await this.request(
      { method: 'POST', path: url, body, idempotent: false, nextStep: "list the contact's tasks to see whether it was added before creating it again", response: taskEnvelopeSchema, what: 'task create', scope: 'contacts.write' },
      call,
    );
    return answer.task as Task;
  }

  /** `PUT /contacts/{contactId}/tasks/{taskId}`. */
  async update(contactId: string, taskId: string, input: UpdateTaskInput, call?: CallOptions): Promise<Task> {
    const url = path`/contacts/${{ contactId }}/tasks/${{ taskId }}`;
    const body = this.validate(updateTaskSchema, input, 'task update');
    const answer = await this.request({ method: 'PUT', path: url, body, response: taskEnvelopeSchema, what: 'task update', scope: 'contacts.write' }, call);
    return answer.task as Task;
  }

  /** `PUT /contacts/{contactId}/tasks/{taskId}/completed`: marks the task done (or, with `false`, open again). */
  async complete(contactId: string, taskId: string, completed = true, call?: CallOptions): Promise<Task> {
    const url = path`/contacts/${{ contactId }}/tasks/${{ taskId }}/completed`;
    const body = { completed: this.validate(completedSchema, completed, 'task completion', 'completed') };
    const answer = await this.request({ method: 'PUT', path: url, body, response: taskEnvelopeSchema, what: 'task complete', scope: 'contacts.write' }, call);
    return answer.task as Task;
  }

  /** `DELETE /contacts/{contactId}/tasks/{taskId}`. */
  async delete(contactId: string, taskId: string, call?: CallOptions): Promise<void> {
    await this.request({ method: 'DELETE', path: path`/contacts/${{ contactId }}/tasks/${{ taskId }}`, what: 'task delete', scope: 'contacts.write' }, call);
  }
}
