import {
  AggregateAuthenticationError,
  AuthenticationError,
  CredentialUnavailableError,
} from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { identityErrorAdvice } from '../../../electron/core/auth/identity-errors';
import { toKluisError } from '../../../electron/core/errors/error-mapping';

describe('sign-in error advice', () => {
  it('tells a missing CLI from a CLI that is not signed in', () => {
    const missing = toKluisError(
      new CredentialUnavailableError(
        "Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions and then, once installed, authenticate to your Azure account using 'az login'.",
      ),
      { authMethod: 'azure-cli' },
    );
    expect(missing).toMatchObject({
      kind: 'unauthenticated',
      message: expect.stringMatching(/was not found\. Install it/),
    });
    const loggedOut = toKluisError(
      new CredentialUnavailableError(
        "Please run 'az login' from a command prompt to authenticate before using this credential.",
      ),
      { authMethod: 'azure-cli' },
    );
    expect(loggedOut.message).toMatch(/not signed in .*Run "az login"/);
    expect(
      identityErrorAdvice("Azure Developer CLI couldn't be found. To mitigate this issue, see ..."),
    ).toMatch(/azd\) was not found/);
    expect(identityErrorAdvice("Please run 'azd auth login' from a command prompt")).toMatch(
      /azd auth login/,
    );
  });

  it('names the service principal problem from the AADSTS code', () => {
    const wrongSecret = toKluisError(
      new AuthenticationError(401, {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided.',
      }),
      { authMethod: 'client-secret' },
    );
    expect(wrongSecret.message).toMatch(/client secret is wrong/);
    expect(
      identityErrorAdvice('AADSTS7000222: The provided client secret keys for app are expired.'),
    ).toMatch(/has expired/);
    expect(identityErrorAdvice('AADSTS700016: Application with identifier x was not found')).toMatch(
      /client ID/,
    );
    expect(identityErrorAdvice('AADSTS65001: The user or administrator has not consented')).toMatch(
      /consent/,
    );
    expect(identityErrorAdvice('AADSTS700027: Client assertion failed signature validation.')).toMatch(
      /certificate/,
    );
    expect(identityErrorAdvice('something else entirely')).toBeUndefined();
  });

  it("in DefaultAzureCredential's chain, a missing CLI is expected, a logged-out one is worth saying", () => {
    const chain = (...messages: string[]) =>
      toKluisError(
        new AggregateAuthenticationError(
          messages.map((m) => new CredentialUnavailableError(m)),
          'ChainedTokenCredential authentication failed.',
        ),
        { authMethod: 'default' },
      );
    expect(chain('Azure CLI could not be found.').message).toMatch(/az login.*azd auth login/);
    expect(
      identityErrorAdvice('CredentialUnavailableError: Azure CLI could not be found.', true),
    ).toBeUndefined();
    expect(
      identityErrorAdvice(
        "EnvironmentCredential is unavailable. CredentialUnavailableError: Please run 'az login' from a command prompt",
        true,
      ),
    ).toMatch(/not signed in/);
  });
});
