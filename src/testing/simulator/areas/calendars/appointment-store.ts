import { ghlId } from '../../ids.js';

/** An appointment as the simulator keeps it; times are instants (epoch ms), rendered in the calendar's timezone. */
export interface SimulatedAppointment {
  id: string;
  calendarId: string;
  locationId: string;
  contactId: string;
  groupId: string;
  start: number;
  end: number;
  title: string;
  appointmentStatus: string;
  assignedUserId: string;
  users: string[];
  address?: string;
  meetingLocationType?: string;
  description?: string;
  rrule?: string;
  dateAdded: number;
  dateUpdated: number;
}

/** A note on an appointment (spec `GetNoteSchema`). */
export interface SimulatedAppointmentNote {
  id: string;
  appointmentId: string;
  body: string;
  userId?: string;
  contactId: string;
  dateAdded: string;
}

/** The simulator's appointments and their notes. */
export class AppointmentStore {
  private readonly appointments = new Map<string, SimulatedAppointment>();
  private readonly notes: SimulatedAppointmentNote[] = [];

  create(fields: Omit<SimulatedAppointment, 'id' | 'dateAdded' | 'dateUpdated'> & { id?: string | undefined }, now: number): SimulatedAppointment {
    const { id = ghlId(), ...rest } = fields;
    const appointment: SimulatedAppointment = { ...rest, id, dateAdded: now, dateUpdated: now };
    this.appointments.set(id, appointment);
    return appointment;
  }

  get(id: string): SimulatedAppointment | undefined {
    return this.appointments.get(id);
  }

  /** Appointments of `locationId`, or of every location, in booking order. */
  list(locationId?: string): SimulatedAppointment[] {
    return [...this.appointments.values()].filter((appointment) => locationId === undefined || appointment.locationId === locationId);
  }

  /** Appointments holding time on `calendarId` (cancelled ones free their slot), except `exceptId`. */
  holding(calendarId: string, exceptId?: string): SimulatedAppointment[] {
    return this.list().filter((appointment) => appointment.calendarId === calendarId && appointment.appointmentStatus !== 'cancelled' && appointment.id !== exceptId);
  }

  update(appointment: SimulatedAppointment, changes: Partial<SimulatedAppointment>, now: number): SimulatedAppointment {
    Object.assign(appointment, changes, { dateUpdated: now });
    return appointment;
  }

  delete(id: string): void {
    this.appointments.delete(id);
    for (let i = this.notes.length - 1; i >= 0; i--) if (this.notes[i]?.appointmentId === id) this.notes.splice(i, 1);
  }

  addNote(appointment: SimulatedAppointment, body: string, userId: string | undefined, now: number): SimulatedAppointmentNote {
    const note: SimulatedAppointmentNote = { id: ghlId(), appointmentId: appointment.id, body, contactId: appointment.contactId, dateAdded: new Date(now).toISOString(), ...(userId === undefined ? {} : { userId }) };
    this.notes.push(note);
    return note;
  }

  /** Notes of the appointment, oldest first. */
  notesOf(appointmentId: string): SimulatedAppointmentNote[] {
    return this.notes.filter((note) => note.appointmentId === appointmentId);
  }

  clear(): void {
    this.appointments.clear();
    this.notes.length = 0;
  }
}
