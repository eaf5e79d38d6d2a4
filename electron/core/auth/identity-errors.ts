/**
 * Turns the texts @azure/identity (and Entra ID, through MSAL) put in sign-in errors into what the user should do.
 * Only our own sentences reach the UI: identity's messages are matched, never shown, because they can be long, quote
 * command lines, and are not written for people who did not write the code.
 */
interface Rule {
  test: RegExp;
  message: string | ((match: RegExpExecArray) => string);
  /** A missing tool is expected in DefaultAzureCredential's chain; only a lone credential's report says much. */
  notInstalled?: boolean;
}

const RULES: Rule[] = [
  {
    // The vault's challenge named another tenant than the credential is set to (identity's multi-tenant check).
    test: /not configured to acquire tokens for tenant ([\w.-]+)/,
    message: (m) =>
      `This vault belongs to tenant ${m[1] ?? ''}, not the tenant set in its sign-in settings. Set the vault's tenant ID to ${m[1] ?? 'that tenant'}, or clear it so Kluis follows the vault.`,
  },
  {
    test: /Azure CLI could not be found|az:.*not found|'az' is not recognized/i,
    message:
      'The Azure CLI (az) was not found. Install it (https://aka.ms/azure-cli) and run "az login", or choose another sign-in method. If it is installed somewhere unusual, start Kluis from a terminal where "az" works.',
    notInstalled: true,
  },
  {
    test: /Please run 'az login'/i,
    message:
      'The Azure CLI is not signed in (or its sign-in expired). Run "az login" (add --tenant <tenant> if the vault is in another tenant), then try again.',
  },
  {
    test: /Azure Developer CLI couldn't be found|azd:.*not found|'azd' is not recognized/i,
    message:
      'The Azure Developer CLI (azd) was not found. Install it (https://aka.ms/azd) and run "azd auth login", or choose another sign-in method.',
    notInstalled: true,
  },
  {
    test: /Please run 'azd auth login'/i,
    message: 'The Azure Developer CLI is not signed in. Run "azd auth login", then try again.',
  },
  {
    test: /AADSTS7000222/,
    message:
      "The service principal's client secret has expired. Create a new secret for the app registration and enter it in the vault's sign-in settings.",
  },
  {
    test: /AADSTS7000215/,
    message:
      "The service principal's client secret is wrong. Enter the secret's value (not its ID) in the vault's sign-in settings.",
  },
  {
    test: /AADSTS700027|AADSTS700024/,
    message:
      "The service principal's certificate was not accepted. Check that this certificate is uploaded to the app registration and has not expired.",
  },
  {
    test: /AADSTS700016/,
    message:
      'No application with this client ID exists in the tenant. Check the application (client) ID and the tenant ID.',
  },
  {
    test: /AADSTS90002|AADSTS900023/,
    message: 'The tenant was not found. Check the tenant (directory) ID or domain name.',
  },
  {
    test: /AADSTS65001|AADSTS90094|AADSTS90008/,
    message:
      'Your organisation has not consented to this app. Ask an administrator to grant consent, or use "az login" and the Azure CLI sign-in method instead.',
  },
  {
    test: /AADSTS50076|AADSTS50079|AADSTS50158/,
    message: 'Your organisation requires multi-factor authentication. Sign in again interactively.',
  },
  {
    test: /AADSTS53003|AADSTS53000|AADSTS530003/,
    message:
      'A conditional access policy blocked the sign-in (for example, a managed device is required). Ask your administrator, or sign in with the Azure CLI on a compliant device.',
  },
  {
    test: /AADSTS70020|expired_token|AADSTS50173|AADSTS700082|AADSTS50078/,
    message: 'The sign-in expired. Sign in again.',
  },
  {
    test: /AADSTS50020|AADSTS50034/,
    message:
      "That account is not known in the vault's tenant. Sign in with an account from that tenant, or set the vault's tenant ID to one your account belongs to.",
  },
];

/**
 * The user-facing sentence for an identity error's message, if it is one we recognise. `chained` is for
 * DefaultAzureCredential's aggregate error, whose message lists every credential it tried.
 */
export function identityErrorAdvice(message: string | undefined, chained = false): string | undefined {
  if (!message) return undefined;
  for (const rule of RULES) {
    if (chained && rule.notInstalled) continue;
    const match = rule.test.exec(message);
    if (match) return typeof rule.message === 'string' ? rule.message : rule.message(match);
  }
  return undefined;
}
