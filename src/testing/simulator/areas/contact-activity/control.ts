import type { ResolvedOptions } from '../../options.js';
import type { ContactActivityStore, SimulatedEnrolment, SimulatedNote, SimulatedTask } from './store.js';

/** Test helpers for contacts' notes, tasks and workflow enrolments (`sim.contactActivity`); everything returned is a copy. */
export interface GHLSimulatorContactActivity {
  /** Notes of a contact, or every note when omitted, oldest first. */
  notes(contactId?: string): SimulatedNote[];
  /** Tasks of a contact, or every task when omitted, oldest first. */
  tasks(contactId?: string): SimulatedTask[];
  /** Enrolments made through `POST /contacts/{contactId}/workflow/{workflowId}` and still in place. */
  enrolments(filter?: { contactId?: string; workflowId?: string }): SimulatedEnrolment[];
  /** Stores a note on a contact directly (no checks; `id` may be fixed). */
  seedNote(contactId: string, note: { body: string; userId?: string; title?: string; id?: string }): SimulatedNote;
  /** Stores a task on a contact directly (no checks; `dueDate` defaults to a day from now, `completed` to false). */
  seedTask(contactId: string, task: { title: string; dueDate?: string; body?: string; assignedTo?: string; completed?: boolean; id?: string }): SimulatedTask;
  clear(): void;
}

export function contactActivityControl(store: ContactActivityStore, options: ResolvedOptions): GHLSimulatorContactActivity {
  const all = <T extends { contactId: string }>(items: Iterable<T>, contactId?: string) => structuredClone([...items].filter((item) => contactId === undefined || item.contactId === contactId));
  return {
    notes: (contactId) => all(store.notes.values(), contactId),
    tasks: (contactId) => all(store.tasks.values(), contactId),
    enrolments: (filter) => structuredClone(store.enrolmentsOf(filter)),
    seedNote: (contactId, note) => structuredClone(store.addNote(contactId, note, options.now())),
    seedTask: (contactId, { dueDate, completed = false, ...task }) =>
      structuredClone(store.addTask(contactId, { ...task, completed, dueDate: dueDate ?? new Date(options.now() + 86_400_000).toISOString() })),
    clear: () => store.clear(),
  };
}
