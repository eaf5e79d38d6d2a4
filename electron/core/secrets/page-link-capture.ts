import { AsyncLocalStorage } from 'node:async_hooks';
import type { SecretClientOptions } from '@azure/keyvault-secrets';

type AdditionalPolicy = NonNullable<SecretClientOptions['additionalPolicies']>[number];

/** Set around one page request; the policy below fills in the page's nextLink. */
export interface PageLinkHolder {
  nextLink?: string;
}

const current = new AsyncLocalStorage<PageLinkHolder>();

/**
 * One spelling per page link: Key Vault writes nextLinks as `https://<vault>.vault.azure.net:443/...` while the
 * vault is addressed without a port, so links are compared as parsed URLs, where https's default port is dropped.
 */
export function pageLinkKey(link: string): string {
  try {
    return new URL(link).href;
  } catch {
    return link;
  }
}

export const samePageLink = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && (a === b || pageLinkKey(a) === pageLinkKey(b));

/** Runs a page request and returns its result together with the nextLink the service sent. */
export async function withPageLink<T>(request: () => Promise<T>): Promise<{ result: T; nextLink?: string }> {
  const holder: PageLinkHolder = {};
  const result = await current.run(holder, request);
  return { result, ...(holder.nextLink ? { nextLink: holder.nextLink } : {}) };
}

/**
 * @azure/keyvault-secrets 4.11.2 maps each page with Array.map, which drops the page's continuationToken, so
 * byPage() alone cannot resume a listing. This policy reads nextLink from list responses made inside
 * withPageLink(). It only looks at GET responses of a page request (properties, never values) and keeps nothing else.
 */
export const pageLinkCapturePolicy: AdditionalPolicy = {
  position: 'perCall',
  policy: {
    name: 'kluisPageLinkCapture',
    async sendRequest(request, next) {
      const response = await next(request);
      const holder = current.getStore();
      if (holder && request.method === 'GET' && response.status === 200 && response.bodyAsText) {
        try {
          const nextLink = (JSON.parse(response.bodyAsText) as { nextLink?: unknown }).nextLink;
          holder.nextLink = typeof nextLink === 'string' && nextLink.length > 0 ? nextLink : undefined;
        } catch {
          // Not JSON: not a page, nothing to capture.
        }
      }
      return response;
    },
  },
};
