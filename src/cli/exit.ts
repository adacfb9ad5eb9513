import { GHLConfigError, GHLDuplicateContactError, GHLError, GHLReauthRequiredError, GHLValidationError, redactSecrets } from '../errors.js';

/** The exit codes scripts can rely on (listed in `ghl --help`). */
export const EXIT = {
  /** The command did what it was asked. */
  ok: 0,
  /** GHL, the network or the token store failed, or a check (`ghl test`) did not pass. */
  failure: 1,
  /** Bad command line, invalid input or missing configuration: nothing was sent to GHL. */
  usage: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A bad command line. `command` names the command whose `--help` to point at. */
export class UsageError extends Error {
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

/** Input and configuration problems are the caller's to fix (2); everything else is a failure (1). */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError || error instanceof GHLConfigError || error instanceof GHLValidationError) return EXIT.usage;
  return EXIT.failure;
}

/** One line for stderr, redacted again here because it may wrap an error that is not the SDK's. */
export function describeFailure(error: unknown): string {
  if (error instanceof UsageError) {
    const help = error.command ? `ghl ${error.command} --help` : 'ghl --help';
    return `ghl: ${error.message} (see \`${help}\`)`;
  }
  if (error instanceof GHLReauthRequiredError) return `ghl: ${error.name}: ${redactSecrets(error.message)} Run \`ghl auth\` to connect again.`;
  if (error instanceof GHLDuplicateContactError) return `ghl: ${error.name}: ${redactSecrets(error.message)} (existing contact: ${error.existingContactId})`;
  if (error instanceof GHLError) return `ghl: ${error.name}: ${redactSecrets(error.message)}`;
  const message = error instanceof Error ? error.message : String(error);
  return `ghl: unexpected error: ${redactSecrets(message)}`;
}

export interface FailureJson {
  ok: false;
  error: { name: string; message: string; missing?: string[]; fields?: string[] };
}

/** The `--json` form of a failure: name, message, and every missing variable or invalid field. */
export function failureJson(error: unknown): FailureJson {
  const name = error instanceof Error ? error.name : 'Error';
  const message = redactSecrets(error instanceof Error ? error.message : String(error));
  if (error instanceof GHLConfigError) return { ok: false, error: { name, message, missing: error.missing } };
  if (error instanceof GHLValidationError) return { ok: false, error: { name, message, fields: error.issues.map((issue) => issue.path) } };
  return { ok: false, error: { name, message } };
}
