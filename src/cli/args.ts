import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
import { UsageError } from './exit.js';

/** Options every command takes. `--help` is handled before parsing (see run.ts); it is declared so parsing accepts it. */
const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionsConfig;

/** Where the CLI keeps OAuth tokens between runs. */
export const TOKEN_FILE_OPTION = {
  'token-file': { type: 'string' },
} as const satisfies OptionsConfig;

type OptionValue<C> = C extends { type: 'boolean' }
  ? C extends { multiple: true } ? boolean[] : boolean
  : C extends { multiple: true } ? string[] : string;

/** What a command gets from its arguments: each option's value (absent when not given) and the positionals. */
export interface ParsedCommand<O extends OptionsConfig> {
  values: { [K in keyof O]?: OptionValue<O[K]> };
  positionals: string[];
}

/** `node:util` parseArgs, strict, with the common options added and its errors turned into usage errors. */
export function parseCommandArgs<O extends OptionsConfig>(command: string, args: string[], options: O): ParsedCommand<typeof COMMON_OPTIONS & O> {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
    return { values: values as ParsedCommand<typeof COMMON_OPTIONS & O>['values'], positionals };
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }), command);
  }
}

/**
 * parseArgs's messages in the CLI's own words and quotes. Its own quote a value oddly (an unknown
 * option's advice ends in an unbalanced `'-- "--bogus"`) and show `<value>` placeholders.
 */
function describeParseError(error: Error & { code?: string }): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const option = /--?[\w-]+/.exec(quoted.split(', ').pop() ?? '')?.[0];
  if (option === undefined) return error.message;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option "${option}"`;
  if (error.message.includes('does not take an argument')) return `option "${option}" takes no value`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `option "${option}" needs a value`;
  return error.message;
}

/** An integer flag within bounds; parseArgs only knows strings and booleans. */
export function integerOption(value: string | undefined, name: string, command: string, bounds: { min: number; max: number }): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < bounds.min || number > bounds.max) {
    throw new UsageError(`--${name} must be an integer from ${bounds.min} to ${bounds.max} (got "${value}")`, command);
  }
  return number;
}

/** Fails on positionals a command does not take, so a typo is not silently ignored. */
export function noExtraPositionals(positionals: string[], allowed: number, command: string): void {
  if (positionals.length > allowed) throw new UsageError(`unexpected argument "${positionals[allowed] ?? ''}"`, command);
}
