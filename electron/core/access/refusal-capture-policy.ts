import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/**
 * The SDK's list pages throw "Pagination failed with unexpected statusCode 403" and drop the service's body, which
 * is where Key Vault says why it refused (caller, denied action, client address). This policy sits outside the SDK's
 * challenge handling (a perCall policy), so it sees only the final answer: a 401 or 403 there becomes the RestError
 * the SDK throws for single requests, with the service's message and error details kept. The status stays, so the
 * SDK's own handling of a 403 (its delete and recover pollers) is unchanged. 401 and 403 bodies never carry a value.
 */
export const REFUSAL_CAPTURE_POLICY_NAME = 'kluisRefusalCapture';

export const refusalCapturePolicy: PipelinePolicy = {
  name: REFUSAL_CAPTURE_POLICY_NAME,
  async sendRequest(request, next) {
    const response = await next(request);
    if (response.status !== 401 && response.status !== 403) return response;
    let error: { code?: unknown; message?: unknown } | undefined;
    try {
      error = (JSON.parse(response.bodyAsText ?? '') as { error?: typeof error }).error;
    } catch {
      return response;
    }
    if (!error || typeof error.message !== 'string') return response;
    // Loaded with the SDK (which has it by now), not on main's start-up path.
    const { RestError } = await import('@azure/core-rest-pipeline');
    const restError = new RestError(error.message, {
      statusCode: response.status,
      ...(typeof error.code === 'string' ? { code: error.code } : {}),
      request,
      response,
    });
    // As the SDK's deserializer fills it: { error: { code, message, innerError } }.
    const inner =
      (error as { innererror?: unknown; innerError?: unknown }).innererror ??
      (error as { innerError?: unknown }).innerError;
    restError.details = {
      error: { code: error.code, message: error.message, ...(inner ? { innerError: inner } : {}) },
    };
    throw restError;
  },
};
