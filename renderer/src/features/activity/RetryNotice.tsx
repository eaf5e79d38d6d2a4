import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { OperationRetrying } from '../../../../electron/contract';
import { kluis, lastCallStore } from '../../lib/api';
import { retryMessage } from './retry-message';

/** How long a retry notice stays after its wait ends, if neither a newer retry nor the call's answer comes. */
const LINGER_MS = 2_000;

/**
 * Shows that Kluis is backing off and retrying a Key Vault call (throttling, a service error, a dropped
 * connection), so a slow answer never looks like a hang. It goes as soon as that call answers; a final
 * failure is shown by the view that made the call.
 */
export function RetryNotice() {
  const [event, setEvent] = useState<OperationRetrying | undefined>();

  useEffect(() => kluis().events.on('operation.retrying', setEvent), []);
  useEffect(() => {
    if (!event) return;
    const timer = setTimeout(() => setEvent(undefined), event.delayMs + LINGER_MS);
    const settled = lastCallStore.subscribe(() => {
      if (lastCallStore.getSnapshot()?.operation === event.operation) setEvent(undefined);
    });
    return () => {
      clearTimeout(timer);
      settled();
    };
  }, [event]);

  if (!event) return null;
  return (
    <MessageBar intent="warning" role="status" aria-live="polite">
      <MessageBarBody>{retryMessage(event)}</MessageBarBody>
    </MessageBar>
  );
}
