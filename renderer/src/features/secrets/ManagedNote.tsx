import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { SecretProperties } from '../../../../electron/contract';

/** The certificate a managed secret belongs to: the last path segment of its key id (…/keys/<name>/<version>). */
export function certificateNameOf(secret: SecretProperties): string {
  const parts = (secret.keyId ?? '').split('/');
  const i = parts.indexOf('keys');
  return (i >= 0 ? parts[i + 1] : undefined) || secret.name;
}

/** Says why a certificate's secret cannot be edited here. */
export function ManagedNote({ secret }: { secret: SecretProperties }) {
  return (
    <MessageBar intent="info">
      <MessageBarBody>
        <MessageBarTitle>Read-only</MessageBarTitle>
        Managed by the certificate {certificateNameOf(secret)}; change it through the certificate.
      </MessageBarBody>
    </MessageBar>
  );
}
