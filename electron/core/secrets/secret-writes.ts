import { timingSafeEqual, createHash } from 'node:crypto';
import type { SecretClient } from '@azure/keyvault-secrets';
import type { SecretProperties } from '../../contract';
import { toKluisError } from '../errors/error-mapping';
import { failure } from '../errors/kluis-failure';
import { currentBudget, FailedAfterRetries, sleep } from '../reliability/retry-budget';
import { classifyFailure } from '../reliability/retry-policy';
import { toSecretProperties } from './secret-models';

/*
 * The write guard. A write that failed ambiguously (the connection broke after the request went out, a 5xx, a
 * timeout) may have taken effect. Repeating a create blindly can store the value twice; so before each retry the
 * guard asks the vault whether the write landed, and only repeats it when it did not.
 */

export const isNotFound = (err: unknown): boolean => (err as { statusCode?: unknown }).statusCode === 404;

const noHeaders = { get: () => undefined };

/** A failure after which the write may or may not have happened; undefined for anything else. */
function ambiguity(err: unknown) {
  const e = err as { response?: Parameters<typeof classifyFailure>[0]; statusCode?: unknown };
  // The SDK's RestError carries the response; a bare status is enough when it does not.
  const response =
    e.response ??
    (typeof e.statusCode === 'number' ? { status: e.statusCode, headers: noHeaders } : undefined);
  const verdict = classifyFailure(response, err);
  // Throttled or never connected: certainly not processed, and the pipeline policy already retried it.
  return verdict && !verdict.unprocessed ? verdict : undefined;
}

export interface GuardedWrite<T> {
  write: () => Promise<T>;
  /** After an ambiguous failure: { value } when the write took effect, undefined when it did not. */
  landed: () => Promise<{ value: T } | undefined>;
  /** For the message when the check itself fails, e.g. 'the secret was saved'. */
  what: string;
  /** Said when the retries ran out: the last check found the write had not happened, e.g. 'It was not saved.' */
  notDone: string;
}

export async function guardedWrite<T>(g: GuardedWrite<T>): Promise<T> {
  const budget = currentBudget();
  const attempts = budget?.attemptsFor();
  for (;;) {
    try {
      return await g.write();
    } catch (err) {
      const verdict = ambiguity(err);
      if (!verdict) throw err;
      let outcome: { value: T } | undefined;
      try {
        outcome = await g.landed();
      } catch (checkErr) {
        if ((checkErr as { name?: unknown }).name === 'KluisFailure') throw checkErr;
        const mapped = toKluisError(err);
        throw failure(
          mapped.kind,
          `${mapped.message} Kluis could not check whether ${g.what}, so it did not try again: refresh and look before you repeat it.`,
          mapped.status !== undefined ? { status: mapped.status } : {},
        );
      }
      if (outcome) return outcome.value;
      const delay = attempts?.next(verdict.reason, verdict.retryAfterMs);
      if (delay === undefined) {
        throw budget && attempts
          ? new FailedAfterRetries(err, attempts.count, budget.elapsedMs(), g.notDone)
          : err;
      }
      await sleep(delay);
    }
  }
}

/** Every version's properties (never values); none when the secret does not exist. */
export async function versionsOf(client: SecretClient, name: string): Promise<SecretProperties[]> {
  const out: SecretProperties[] = [];
  try {
    for await (const p of client.listPropertiesOfSecretVersions(name)) out.push(toSecretProperties(p));
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
  return out;
}

/**
 * The current version. Versions are ordered by creation time, which the service keeps in whole seconds; when two
 * share the newest second, the latest is read (its value is dropped at once, in main, and never logged).
 */
export async function currentOf(
  client: SecretClient,
  name: string,
  versions: SecretProperties[],
): Promise<SecretProperties | undefined> {
  if (versions.length === 0) return undefined;
  const newest = Math.max(...versions.map((v) => v.createdOn ?? 0));
  const top = versions.filter((v) => (v.createdOn ?? 0) === newest);
  if (top.length === 1) return top[0];
  const latest = await client.getSecret(name);
  return toSecretProperties(latest.properties);
}

/** Constant-time comparison of two values, over their hashes so lengths do not leak either. */
export function sameValue(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(h(a), h(b));
}

export interface Expectation {
  expectedVersion?: string;
  expectedUpdatedOn?: number;
}

export const conflictFailure = (name: string, what: string) =>
  failure(
    'conflict',
    `Someone else ${what} "${name}" since you opened it, so your change was not saved. Refresh to see the current version, then apply your change again.`,
  );

/** Refuses the edit when the secret moved on from what the user saw; returns the current version. */
export async function checkExpectation(
  client: SecretClient,
  name: string,
  expectation: Expectation,
  editedVersion?: string,
): Promise<{ versions: SecretProperties[]; current: SecretProperties | undefined }> {
  const versions = await versionsOf(client, name);
  const current = await currentOf(client, name, versions);
  if (!expectation.expectedVersion && expectation.expectedUpdatedOn === undefined)
    return { versions, current };
  if (!current) throw conflictFailure(name, 'deleted');
  if (expectation.expectedVersion && current.version !== expectation.expectedVersion) {
    throw conflictFailure(name, 'saved a new version of');
  }
  if (expectation.expectedUpdatedOn !== undefined) {
    const edited = editedVersion ? versions.find((v) => v.version === editedVersion) : current;
    if (!edited) throw conflictFailure(name, 'deleted that version of');
    if (edited.updatedOn !== expectation.expectedUpdatedOn) throw conflictFailure(name, 'changed');
  }
  return { versions, current };
}
