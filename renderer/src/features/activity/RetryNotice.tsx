import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { OperationRetrying } from '../../../../electron/contract';
import { kluis } from '../../lib/api';
import { retryMessage } from './retry-message';

/** How long a retry notice stays after its wait ends, if no newer retry replaces it. */
const LINGER_MS = 2_000;

/**
 * Shows that Kluis is backing off and retrying a Key Vault call (throttling, a service error, a dropped
 * connection), so a slow answer never looks like a hang. The final failure, if any, is shown by the caller.
 */
export function RetryNotice() {
  const [event, setEvent] = useState<OperationRetrying | undefined>();

  useEffect(() => kluis().events.on('operation.retrying', setEvent), []);
  useEffect(() => {
    if (!event) return;
    const timer = setTimeout(() => setEvent(undefined), event.delayMs + LINGER_MS);
    return () => clearTimeout(timer);
  }, [event]);

  if (!event) return null;
  return (
    <MessageBar intent="warning" role="status" aria-live="polite">
      <MessageBarBody>{retryMessage(event)}</MessageBarBody>
    </MessageBar>
  );
}
