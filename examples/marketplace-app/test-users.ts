import type { AppUser } from 'ghl-sdk';

/** Stand-in for your user database: what "Sync test users" sends to the connected location. */
export function testUsers(count: number): AppUser[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `test-${i + 1}`,
    email: `test.user${i + 1}@example.com`,
    name: `Test User ${i + 1}`,
    tags: ['marketplace-app-demo'],
  }));
}
