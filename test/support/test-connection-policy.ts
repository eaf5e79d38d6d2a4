import {
  APP_CONNECTION_POLICY,
  type AdditionalPolicy,
  type ConnectionPolicy,
} from '../../electron/core/vault/connection-policy';
import type { RetryPlan } from '../../electron/core/reliability/retry-budget';

export interface TestConnectionOptions {
  /**
   * CAs to trust for Azure-kind vaults and for their sign-in host where nothing is pinned (e.g. a --auth jwt local
   * vault and the local OpenID provider). Verification always stays on.
   */
  testTrust?: {
    vaultCa?: string;
    signInCa?: string;
    disableChallengeResourceVerification?: boolean;
    /** The local ARM stand-in's CA, for Browse vaults (its sign-in host trusts signInCa). */
    armCa?: string;
  };
  /** Shorter retry waits than the app's (a plan left out keeps the app's). */
  retryPlans?: { azure?: RetryPlan; local?: RetryPlan };
  /** Extra SDK pipeline policies, e.g. one that loses a response after the server acted on it. */
  testPolicies?: AdditionalPolicy[];
}

/** The app's connection policy with a test's changes: pins still win over testTrust's CAs. */
export function testConnectionPolicy(options: TestConnectionOptions = {}): ConnectionPolicy {
  const { testTrust, retryPlans, testPolicies } = options;
  return {
    trustFor: (vault) => {
      const trust = APP_CONNECTION_POLICY.trustFor(vault);
      const vaultTls = trust.vaultTls ?? (testTrust?.vaultCa ? { ca: testTrust.vaultCa } : undefined);
      const signInTls = trust.signInTls ?? (testTrust?.signInCa ? { ca: testTrust.signInCa } : undefined);
      return {
        ...(vaultTls ? { vaultTls } : {}),
        ...(signInTls ? { signInTls } : {}),
        disableChallengeResourceVerification:
          trust.disableChallengeResourceVerification ||
          testTrust?.disableChallengeResourceVerification === true,
      };
    },
    armTrustFor: () => ({
      ...(testTrust?.armCa ? { armTls: { ca: testTrust.armCa } } : {}),
      ...(testTrust?.signInCa ? { signInTls: { ca: testTrust.signInCa } } : {}),
    }),
    retryPlans: { ...APP_CONNECTION_POLICY.retryPlans, ...retryPlans },
    pipelinePolicies: [...APP_CONNECTION_POLICY.pipelinePolicies, ...(testPolicies ?? [])],
  };
}
