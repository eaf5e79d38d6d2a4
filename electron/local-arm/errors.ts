import { ServiceError } from '../local-vault/errors';

/**
 * ARM's error body is `{"error":{"code","message"}}` (Resource Graph adds `details`). Wording is the service's
 * where recorded answers are known (sources in the README), because callers show it and tests assert on it.
 */
export class ArmError extends ServiceError {
  constructor(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
    readonly details?: Array<Record<string, unknown>>,
  ) {
    super(status, code, message, undefined, headers);
    this.name = 'ArmError';
  }

  override toBody(): { error: { code: string; message: string; details?: Array<Record<string, unknown>> } } {
    return {
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }
}

/** The challenge ARM sends with every 401: the sign-in host (no tenant unless one is known) and why. */
export function armChallenge(authority: string, tenantId: string | undefined, description: string): string {
  const uri = `${authority.replace(/\/+$/, '')}/${tenantId ?? ''}`;
  return `Bearer authorization_uri="${uri}", error="invalid_token", error_description="${description.replace(/"/g, "'")}"`;
}

const unauthorized = (
  code: string,
  message: string,
  authority: string,
  tenantId: string | undefined,
  description = message,
): ArmError =>
  new ArmError(401, code, message, { 'WWW-Authenticate': armChallenge(authority, tenantId, description) });

/** The audiences ARM lists as allowed in its InvalidAuthenticationTokenAudience message, in its order. */
export const ARM_AUDIENCES = [
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
  'https://management.azure.com/',
  'https://management.azure.com',
];

export const armErrors = {
  missingToken: (authority: string): ArmError =>
    unauthorized(
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing.",
      authority,
      undefined,
      "The authentication failed because of missing 'Authorization' header.",
    ),
  malformedToken: (authority: string): ArmError =>
    unauthorized(
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is provided in an invalid format.",
      authority,
      undefined,
    ),
  invalidToken: (authority: string): ArmError =>
    unauthorized('InvalidAuthenticationToken', 'The access token is invalid.', authority, undefined),
  wrongAudience: (authority: string, found: string, allowed: readonly string[]): ArmError =>
    unauthorized(
      'InvalidAuthenticationTokenAudience',
      `The access token has been obtained for wrong audience or resource '${found}'. It should exactly match with one of the allowed audiences ${allowed.map((a) => `'${a}'`).join(',')}.`,
      authority,
      undefined,
    ),
  expired: (authority: string, exp: number | undefined, now: number): ArmError =>
    unauthorized(
      'ExpiredAuthenticationToken',
      `The access token expiry UTC time '${exp === undefined ? 'unknown' : new Date(exp * 1000).toISOString()}' is earlier than current UTC time '${new Date(now).toISOString()}'.`,
      authority,
      undefined,
    ),
  wrongIssuer: (authority: string, found: string): ArmError =>
    unauthorized(
      'InvalidAuthenticationTokenTenant',
      `The access token is from the wrong issuer '${found}'. It is not an issuer this service trusts.`,
      authority,
      undefined,
    ),
  /** A subscription (or a scope in it) of another tenant than the token's. */
  wrongTenant: (authority: string, found: string, expected: string, tenantId: string): ArmError =>
    unauthorized(
      'InvalidAuthenticationTokenTenant',
      `The access token is from the wrong issuer '${found}'. It must match the tenant '${expected}' associated with this subscription. Please use the authority (URL) '${authority.replace(/\/+$/, '')}/${tenantId}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`,
      authority,
      tenantId,
    ),
  missingApiVersion: (): ArmError =>
    new ArmError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    ),
  invalidApiVersion: (version: string, resourceType: string, supported: readonly string[]): ArmError =>
    new ArmError(
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location 'global' and API version '${version}' for type '${resourceType}'. The supported api-versions are '${supported.join(', ')}'. The supported locations are ', global'.`,
    ),
  subscriptionNotFound: (id: string): ArmError =>
    new ArmError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`),
  resourceGroupNotFound: (rg: string): ArmError =>
    new ArmError(404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`),
  resourceNotFound: (type: string, name: string, rg: string): ArmError =>
    new ArmError(
      404,
      'ResourceNotFound',
      `The Resource '${type}/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    ),
  roleDefinitionNotFound: (): ArmError =>
    new ArmError(404, 'RoleDefinitionDoesNotExist', 'The specified role definition with ID does not exist.'),
  roleAssignmentNotFound: (): ArmError =>
    new ArmError(404, 'RoleAssignmentNotFound', 'The role assignment does not exist.'),
  authorizationFailed: (
    principalId: string,
    appId: string | undefined,
    action: string,
    scope: string,
  ): ArmError =>
    new ArmError(
      403,
      'AuthorizationFailed',
      `The client '${appId ?? principalId}' with object id '${principalId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    ),
  invalidFilter: (filter: string): ArmError =>
    new ArmError(400, 'InvalidFilterInQueryString', `The filter '${filter}' is not supported.`),
  badRequest: (message: string): ArmError => new ArmError(400, 'InvalidRequestContent', message),
  routeNotFound: (path: string): ArmError =>
    new ArmError(
      404,
      'NotFound',
      `The local ARM stand-in does not serve '${path}' (see electron/local-arm/README.md for what it serves).`,
    ),
  methodNotAllowed: (method: string): ArmError =>
    new ArmError(405, 'MethodNotAllowed', `The requested method '${method}' is not allowed here.`),
  subscriptionThrottled: (subscriptionId: string, actor: string, retryAfter: number): ArmError =>
    new ArmError(
      429,
      'SubscriptionRequestsThrottled',
      `Number of 'read' requests for subscription '${subscriptionId}' actor '${actor}' exceeded. Please try again after '${retryAfter}' seconds after the last request.`,
      { 'Retry-After': String(retryAfter) },
    ),
  tenantThrottled: (tenantId: string, actor: string, retryAfter: number): ArmError =>
    new ArmError(
      429,
      'TenantRequestsThrottled',
      `Number of 'read' requests for tenant '${tenantId}' actor '${actor}' exceeded. Please try again after '${retryAfter}' seconds after the last request.`,
      { 'Retry-After': String(retryAfter) },
    ),
  /** Resource Graph's own 429 (its quota is per caller, not ARM's read budget). */
  graphThrottled: (now: Date, correlationId: string, retryAfter: number): ArmError =>
    new ArmError(
      429,
      'RateLimiting',
      `Please provide below info when asking for support: timestamp = ${now.toISOString()}, correlationId = ${correlationId}.`,
      { 'Retry-After': String(retryAfter) },
      [
        {
          code: 'RateLimiting',
          message:
            'Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. Please see https://aka.ms/resourcegraph-throttling for help.',
        },
      ],
    ),
  internal: (): ArmError =>
    new ArmError(
      500,
      'InternalServerError',
      'Encountered internal server error. Diagnostic information: timestamp, subscription id, tracking id and request correlation id are in the response headers.',
    ),
};
