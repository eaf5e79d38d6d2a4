import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { Dismiss20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { kluis } from '../../lib/api';

/** How long the notice stays unless dismissed. */
const SHOW_MS = 15_000;

/**
 * Says so when main had to restart the embedded local vault (it stopped unexpectedly): the status bar shows
 * that it runs, this tells the user why the last call may have been slow or failed.
 */
export function LocalVaultNotice() {
  const [message, setMessage] = useState<string | undefined>();

  useEffect(
    () =>
      kluis().events.on('localVault.status', (status) => {
        if (status.state === 'running' && status.message) setMessage(status.message);
      }),
    [],
  );
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(undefined), SHOW_MS);
    return () => clearTimeout(timer);
  }, [message]);

  if (!message) return null;
  return (
    <MessageBar intent="warning" role="status">
      <MessageBarBody>{message}</MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            aria-label="Dismiss"
            appearance="transparent"
            icon={<Dismiss20Regular />}
            onClick={() => setMessage(undefined)}
          />
        }
      />
    </MessageBar>
  );
}
