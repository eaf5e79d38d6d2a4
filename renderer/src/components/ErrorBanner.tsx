import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { KluisError } from '../../../electron/contract';
import { AccessDetails } from '../features/access/AccessDetails';

const titles: Partial<Record<KluisError['kind'], string>> = {
  'invalid-input': 'Check the input',
  'not-found': 'Not found',
  forbidden: 'Access denied',
  disabled: 'Secret is disabled',
  unauthenticated: 'Sign-in failed',
  'conflict-deleted': 'Name belongs to a deleted secret',
  conflict: 'Conflict',
  throttled: 'Too many requests',
  network: 'Cannot reach the vault',
  tls: 'Certificate not trusted',
  service: 'The vault had a problem',
  'not-configured': 'Not set up',
  internal: 'Something went wrong in Kluis',
};

interface Props {
  error: KluisError;
  onRetry?: () => void;
  /** Extra actions, e.g. Recover for a conflict. */
  actions?: ReactNode;
}

/** Shows a call's error: its message already says what to do. */
export function ErrorBanner({ error, onRetry, actions }: Props) {
  return (
    <MessageBar intent="error" layout="multiline" data-error-kind={error.kind}>
      <MessageBarBody>
        <MessageBarTitle>{titles[error.kind] ?? 'Error'}</MessageBarTitle>
        {error.message}
        {/* The access doctor's diagnosis: what the service said, and the command that fixes it. */}
        {error.access && <AccessDetails access={error.access} />}
      </MessageBarBody>
      {(onRetry || actions) && (
        <MessageBarActions>
          {actions}
          {onRetry && (
            <Button size="small" onClick={onRetry}>
              Retry
            </Button>
          )}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
