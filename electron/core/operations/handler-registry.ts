import type { z } from 'zod';
import {
  allOperations,
  channelOf,
  fail,
  ok,
  type Contract,
  type KluisError,
  type OperationResult,
  type ParsedInput,
  type Result,
} from '../../contract';
import { toKluisError, type ErrorContext } from '../errors/error-mapping';

/** Who sent an IPC call, as main sees it. Only our own window's main frame is trusted. */
export interface SenderInfo {
  webContentsId: number;
  isMainFrame: boolean;
  url: string;
}

export type OperationHandler = (sender: SenderInfo, rawInput: unknown) => Promise<Result<unknown>>;
export type HandlerRegistry = Map<string, OperationHandler>;

/**
 * What core must implement: every contract operation, taking the schema's parsed input and resolving to the
 * contract's result type. Failures are thrown (ideally as KluisFailure); the registry turns them into data.
 */
export type KluisImplementation = {
  -readonly [G in keyof Contract]: {
    -readonly [M in keyof Contract[G]]: (
      input: ParsedInput<Contract[G][M]>,
    ) => Promise<OperationResult<Contract[G][M]>>;
  };
};

export interface RegistryOptions {
  /** Extra detail for error messages (vault URL, sign-in method), from the parsed input. */
  errorContext?: (input: Record<string, unknown>) => Partial<ErrorContext>;
  /** Gets channel names and error kinds only, never inputs or values. */
  log?: (line: string) => void;
}

const REFUSED: KluisError = {
  kind: 'sender-refused',
  message: 'Kluis refused a request that did not come from its own window.',
};

/** One handler per contract operation: check the sender, parse the input, run, and never throw. */
export function createHandlerRegistry(
  impl: KluisImplementation,
  isTrustedSender: (sender: SenderInfo) => boolean,
  options: RegistryOptions = {},
): HandlerRegistry {
  const registry: HandlerRegistry = new Map();
  const methods = impl as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  for (const [group, method, operation] of allOperations()) {
    const channel = channelOf(group, method);
    const run = methods[group]?.[method];
    if (!run) throw new Error(`Kluis core does not implement ${group}.${method}.`);
    registry.set(channel, async (sender, rawInput) => {
      try {
        if (!isTrustedSender(sender)) {
          options.log?.(`${channel}: refused sender ${sender.webContentsId}`);
          return fail(REFUSED);
        }
        const parsed = operation.input.safeParse(rawInput ?? {});
        if (!parsed.success) return fail(invalidInput(parsed.error, rawInput));
        const input = parsed.data as Record<string, unknown>;
        return ok(await run.call(methods[group], input));
      } catch (err) {
        const context = safeContext(options, rawInput);
        const error = toKluisError(err, { operation: `${group}.${method}`, ...context });
        options.log?.(`${channel}: ${error.kind}${error.code ? ` (${error.code})` : ''}`);
        return fail(error);
      }
    });
  }
  return registry;
}

function safeContext(options: RegistryOptions, rawInput: unknown): Partial<ErrorContext> {
  const input = (rawInput ?? {}) as Record<string, unknown>;
  const secretName = typeof input.name === 'string' ? input.name : undefined;
  try {
    return { ...(secretName ? { secretName } : {}), ...(options.errorContext?.(input) ?? {}) };
  } catch {
    return secretName ? { secretName } : {};
  }
}

/** The first zod issue as a field path and a sentence. The raw input is never quoted: it may hold a value. */
function invalidInput(error: z.ZodError, rawInput: unknown): KluisError {
  const issue = error.issues[0];
  if (!issue) return { kind: 'invalid-input', message: 'The request was not valid.' };
  const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  // Unknown keys are caller-chosen text: name them only when they look like a field name.
  const path = [...issue.path, ...unknownKeys.slice(0, 1)].map(fieldSegment).join('.');
  const field = path || undefined;
  let message =
    issue.code === 'unrecognized_keys'
      ? `Unknown field "${path}": this request does not take it.`
      : `${field ? `${field}: ` : ''}${issue.message}`;
  if (quotesInput(message, rawInput)) message = `${field ?? 'The input'} is not valid.`;
  return { kind: 'invalid-input', message, ...(field ? { field } : {}) };
}

/** Defence in depth: if a message would repeat any string from the input, use a generic one instead. */
function quotesInput(message: string, input: unknown, depth = 0): boolean {
  if (typeof input === 'string') return input.length >= 4 && message.includes(input);
  if (depth > 4 || input === null || typeof input !== 'object') return false;
  return Object.values(input).some((v) => quotesInput(message, v, depth + 1));
}

function fieldSegment(key: PropertyKey): string {
  const text = String(key);
  return /^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(text) ? text : '(unknown field)';
}
