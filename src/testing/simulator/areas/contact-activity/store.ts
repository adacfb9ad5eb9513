import { ghlId } from '../../ids.js';

/** A note as spec/apps/contacts.json's `NotesDTO` describes it. */
export interface SimulatedNote {
  id: string;
  contactId: string;
  body: string;
  userId?: string;
  title?: string;
  color?: string;
  pinned?: boolean;
  dateAdded: string;
}

/** A task as spec/apps/contacts.json's `TaskSchema` describes it. */
export interface SimulatedTask {
  id: string;
  contactId: string;
  title: string;
  body?: string;
  assignedTo?: string;
  dueDate: string;
  completed: boolean;
}

/** One `POST /contacts/{contactId}/workflow/{workflowId}`: each accepted call is one enrolment. */
export interface SimulatedEnrolment {
  contactId: string;
  workflowId: string;
  eventStartTime?: string;
  dateAdded: string;
}

/** A contact's notes, tasks and workflow enrolments; the contacts themselves are the contacts area's. */
export class ContactActivityStore {
  readonly notes = new Map<string, SimulatedNote>();
  readonly tasks = new Map<string, SimulatedTask>();
  private enrolments: SimulatedEnrolment[] = [];

  addNote(contactId: string, fields: Omit<SimulatedNote, 'id' | 'contactId' | 'dateAdded'> & { id?: string | undefined }, now: number): SimulatedNote {
    const { id = ghlId(), ...rest } = fields;
    const note: SimulatedNote = { ...rest, id, contactId, dateAdded: new Date(now).toISOString() };
    this.notes.set(id, note);
    return note;
  }

  addTask(contactId: string, fields: Omit<SimulatedTask, 'id' | 'contactId'> & { id?: string | undefined }): SimulatedTask {
    const { id = ghlId(), ...rest } = fields;
    const task: SimulatedTask = { ...rest, id, contactId };
    this.tasks.set(id, task);
    return task;
  }

  notesOf(contactId: string): SimulatedNote[] {
    return [...this.notes.values()].filter((note) => note.contactId === contactId);
  }

  tasksOf(contactId: string): SimulatedTask[] {
    return [...this.tasks.values()].filter((task) => task.contactId === contactId);
  }

  enrol(enrolment: SimulatedEnrolment): void {
    this.enrolments.push(enrolment);
  }

  /** Removes every enrolment of the contact in the workflow; false when there was none. */
  unenrol(contactId: string, workflowId: string): boolean {
    const before = this.enrolments.length;
    this.enrolments = this.enrolments.filter((enrolment) => !(enrolment.contactId === contactId && enrolment.workflowId === workflowId));
    return this.enrolments.length < before;
  }

  enrolmentsOf(filter: { contactId?: string | undefined; workflowId?: string | undefined } = {}): SimulatedEnrolment[] {
    return this.enrolments.filter((enrolment) => (filter.contactId === undefined || enrolment.contactId === filter.contactId) && (filter.workflowId === undefined || enrolment.workflowId === filter.workflowId));
  }

  clear(): void {
    this.notes.clear();
    this.tasks.clear();
    this.enrolments = [];
  }
}
