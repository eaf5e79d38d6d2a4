import { Badge } from '@fluentui/react-components';
import type { SecretProperties as Props } from '../../../../electron/contract';
import { MiddleTruncate } from '../../components/MiddleTruncate';
import { formatExact } from '../../lib/relative-time';
import { useDetailsStyles } from './details-styles';

/** The properties of one secret version as a definition list. */
export function SecretPropertiesList({ secret, currentVersion }: { secret: Props; currentVersion?: string }) {
  const styles = useDetailsStyles();
  const tags = Object.entries(secret.tags ?? {});
  return (
    <dl className={styles.props} data-private>
      <dt>Id</dt>
      <dd>
        <MiddleTruncate text={secret.id} copyLabel="the id" />
      </dd>
      <dt>Version</dt>
      <dd>
        {(secret.version ?? currentVersion) ? (
          <MiddleTruncate text={(secret.version ?? currentVersion) as string} copyLabel="the version" />
        ) : (
          '—'
        )}
      </dd>
      <dt>Content type</dt>
      <dd>{secret.contentType || '—'}</dd>
      <dt>Enabled</dt>
      <dd>{secret.enabled === false ? 'No (the value cannot be read)' : 'Yes'}</dd>
      <dt>Created</dt>
      <dd>{formatExact(secret.createdOn)}</dd>
      <dt>Updated</dt>
      <dd>{formatExact(secret.updatedOn)}</dd>
      <dt>Not before</dt>
      <dd>{formatExact(secret.notBefore)}</dd>
      <dt>Expires</dt>
      <dd>{formatExact(secret.expiresOn)}</dd>
      <dt>Recovery</dt>
      <dd>
        {secret.recoveryLevel ?? '—'}
        {secret.recoverableDays !== undefined ? ` (recoverable for ${secret.recoverableDays} days)` : ''}
      </dd>
      <dt>Managed</dt>
      <dd>{secret.managed ? 'Yes, by a certificate' : 'No'}</dd>
      {secret.keyId && (
        <>
          <dt>Key id</dt>
          <dd>
            <MiddleTruncate text={secret.keyId} copyLabel="the key id" />
          </dd>
        </>
      )}
      <dt>Tags</dt>
      <dd>
        {tags.length === 0 ? (
          '—'
        ) : (
          <span className={styles.tags}>
            {tags.map(([k, v]) => (
              <Badge key={k} appearance="tint" color="informative" shape="rounded">
                {k}={v}
              </Badge>
            ))}
          </span>
        )}
      </dd>
    </dl>
  );
}
