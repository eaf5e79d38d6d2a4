import type { SecretProperties } from '../../../electron/contract';
import { containsWords, FilterIndex, haystack, matchesTerms } from '../features/secrets/filter';
import { parseFilter, type ParsedFilter } from '../features/secrets/filter-terms';

/** The secrets a filter query keeps, in order, through the list's own FilterIndex. */
export function filterSecrets(
  secrets: readonly SecretProperties[],
  query: string,
  now: number = Date.now(),
): SecretProperties[] {
  return [...new FilterIndex(secrets).filter(parseFilter(query), now)];
}

/** The reference FilterIndex must agree with: whether one secret passes every term and contains every word. */
export function matchesFilter(secret: SecretProperties, filter: ParsedFilter, now: number): boolean {
  if (!matchesTerms(secret, filter.terms, now)) return false;
  return filter.words.length === 0 || containsWords(haystack(secret), filter.words);
}
