import type { AppUser } from '../../resources/sync.js';
import { UsageError } from '../exit.js';
import { UNREADABLE, type SourceRow } from './rows.js';

/** The AppUser fields a column can fill. */
const FIELDS = ['email', 'firstName', 'lastName', 'name', 'phone', 'companyName', 'timezone', 'country', 'tags'] as const;
type Field = (typeof FIELDS)[number];

/** `First Name`, `first_name` and `firstname` all name `firstName`. */
const normalise = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');
const ALIASES: Record<string, Field> = { ...Object.fromEntries(FIELDS.map((field) => [normalise(field), field])), company: 'companyName', mobile: 'phone' };

/** `--map email=Email,firstName=First Name`: field ← column. Without `--map`, columns are matched to fields by name. */
export function parseMapping(flags: string[] | undefined): Partial<Record<Field, string>> {
  const mapping: Partial<Record<Field, string>> = {};
  for (const pair of (flags ?? []).flatMap((flag) => flag.split(','))) {
    const [field, column] = pair.split('=').map((part) => part.trim());
    const known = field === undefined ? undefined : ALIASES[normalise(field)];
    if (!known || !column) throw new UsageError(`--map takes field=Column pairs (fields: ${FIELDS.join(', ')}); got "${pair}"`, 'contacts');
    mapping[known] = column;
  }
  return mapping;
}

/**
 * A source row as an AppUser. Mapped columns first, then columns whose names match a field.
 * Empty cells are left out (an empty CSV cell is "no value", not an empty name); `tags` splits
 * on `;` or `,`. Validation happens in `sync.users`, which names the row and the field.
 */
export function toAppUser(row: SourceRow, mapping: Partial<Record<Field, string>>): AppUser {
  if (UNREADABLE in row) return { email: undefined as unknown as string, unreadableLine: row[UNREADABLE] } as AppUser;
  const user: Record<string, unknown> = {};
  const mappedColumns = new Set(Object.values(mapping));
  const take = (field: Field, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    user[field] = field === 'tags' && typeof value === 'string' ? value.split(/[;,]/).map((tag) => tag.trim()).filter(Boolean) : value;
  };
  for (const [column, value] of Object.entries(row)) {
    const field = ALIASES[normalise(column)];
    if (field && mapping[field] === undefined && !mappedColumns.has(column)) take(field, value);
  }
  for (const [field, column] of Object.entries(mapping) as Array<[Field, string]>) take(field, row[column]);
  return user as unknown as AppUser;
}
