import { errors, ServiceError } from './errors';

/** The api-versions the official SDKs send (see docs/keyvault-protocol.md §1.1). */
export const SUPPORTED_API_VERSIONS: readonly string[] = [
  '7.0',
  '7.1',
  '7.2',
  '7.3',
  '7.4',
  '7.5',
  '7.6-preview.2',
  '7.6',
  '2025-06-01-preview',
  '2025-07-01',
  '2026-04-01',
];

export const LATEST_API_VERSION = '2026-04-01';
const supported = new Set(SUPPORTED_API_VERSIONS);

/** Returns the api-version to echo in nextLinks, or the service's 400 for a missing/unknown one. */
export function checkApiVersion(value: string | null): string | ServiceError {
  if (value === null || value === '') {
    // The service has no default version; its wording for the missing case is not recorded.
    return errors.badParameter(
      `The api-version query parameter is missing. Consider using the latest supported version (${LATEST_API_VERSION}).`,
    );
  }
  if (!supported.has(value)) {
    return errors.badParameter(
      `The specified version (${value}) is not recognized. Consider using the latest supported version (${LATEST_API_VERSION}).`,
    );
  }
  return value;
}
