import { describe, expect, it } from 'vitest';
import { ContactStore } from '../../../../../src/testing/simulator/areas/contacts/store.js';

describe('ContactStore lookups by email and phone', () => {
  it('finds by email case-insensitively and by phone digits, within the location only', () => {
    const store = new ContactStore();
    const ada = store.create('loc-1', { email: 'Ada@Example.com', phone: '+1 (555) 010-0001' }, 0);
    store.create('loc-2', { email: 'ada@example.com' }, 0);
    expect(store.findBy('loc-1', 'email', ' ada@EXAMPLE.com ')?.id).toBe(ada.id);
    expect(store.findBy('loc-1', 'phone', '15550100001')?.id).toBe(ada.id);
    expect(store.findBy('loc-3', 'email', 'ada@example.com')).toBeUndefined();
    expect(store.findBy('loc-1', 'email', '')).toBeUndefined();
    expect(store.findBy('loc-1', 'email', 42)).toBeUndefined();
  });

  it('follows changes: a new email, a cleared phone, a delete, a clear', () => {
    const store = new ContactStore();
    const contact = store.create('loc-1', { email: 'old@example.com', phone: '5550100' }, 0);
    store.apply(contact, { email: 'new@example.com', phone: null }, 1);
    expect(store.findBy('loc-1', 'email', 'old@example.com')).toBeUndefined();
    expect(store.findBy('loc-1', 'email', 'new@example.com')?.id).toBe(contact.id);
    expect(store.findBy('loc-1', 'phone', '5550100')).toBeUndefined();
    store.delete(contact.id);
    expect(store.findBy('loc-1', 'email', 'new@example.com')).toBeUndefined();
    store.create('loc-1', { email: 'again@example.com' }, 2);
    store.clear();
    expect(store.findBy('loc-1', 'email', 'again@example.com')).toBeUndefined();
  });

  it('several contacts sharing an email (duplicates allowed): the oldest, skipping the excluded one, even after the oldest is updated', () => {
    const store = new ContactStore();
    const first = store.create('loc-1', { email: 'dup@example.com' }, 0);
    const second = store.create('loc-1', { email: 'dup@example.com' }, 1);
    store.apply(first, { firstName: 'Updated' }, 2);
    expect(store.findBy('loc-1', 'email', 'dup@example.com')?.id).toBe(first.id);
    expect(store.findBy('loc-1', 'email', 'dup@example.com', first.id)?.id).toBe(second.id);
    expect(store.findDuplicate('loc-1', 'dup@example.com', undefined, second.id)).toEqual({ contact: first, matchingField: 'email' });
  });
});
