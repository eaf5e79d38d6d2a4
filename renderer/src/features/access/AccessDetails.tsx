import { makeStyles, tokens } from '@fluentui/react-components';
import type { AccessDiagnosis } from '../../../../electron/contract';
import { CopyCommand } from './CopyCommand';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalS,
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: '2px',
    margin: 0,
    fontSize: tokens.fontSizeBase200,
  },
  term: { color: tokens.colorNeutralForeground3, margin: 0 },
  value: { margin: 0, fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  missing: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

const MODEL: Record<AccessDiagnosis['model'], string> = {
  rbac: 'Azure RBAC',
  policy: 'Access policy',
  firewall: 'Firewall',
  'private-network': 'Private network only',
  tenant: 'Another tenant',
};

/** What the service said about a refusal: the facts it named, the role assignments found, and the command to run. */
export function AccessDetails({ access }: { access: AccessDiagnosis }) {
  const styles = useStyles();
  const facts: Array<[string, string | undefined]> = [
    ['Why', MODEL[access.model]],
    ['Denied action', access.deniedAction],
    ['Needed role', access.requiredRole],
    ['Missing permission', access.missingPermission && `secrets ${access.missingPermission}`],
    ['Decision', access.decisionReason],
    ['Your address', access.clientAddress],
    ['Vault tenant', access.vaultTenant],
    ['Signed in to', access.signedInTenant && `tenant ${access.signedInTenant}`],
    ['Caller', access.callerObjectId ? `object id ${access.callerObjectId}` : access.caller],
    ['Scope', access.scope],
  ];
  const a = access.assignments;
  return (
    <div className={styles.root} data-testid="access-details" data-access-model={access.model}>
      <dl className={styles.facts}>
        {facts
          .filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '')
          .map(([term, value]) => (
            <div key={term} style={{ display: 'contents' }}>
              <dt className={styles.term}>{term}</dt>
              <dd className={styles.value}>{value}</dd>
            </div>
          ))}
      </dl>
      {a && (
        <div>
          {a.unavailable ? (
            <span>{a.unavailable}</span>
          ) : (
            <>
              <span>Your role assignments on this vault’s scopes:</span>
              <ul className={styles.list}>
                {a.found.length === 0 && <li>none</li>}
                {a.found.map((f) => (
                  <li key={`${f.role}@${f.scope}`}>
                    {f.role} on {f.scope}
                    {f.grantsDeniedAction ? ' (grants the denied action)' : ''}
                  </li>
                ))}
                {a.missing && <li className={styles.missing}>Missing: {a.missing}</li>}
              </ul>
            </>
          )}
        </div>
      )}
      {access.command && <CopyCommand command={access.command} />}
    </div>
  );
}
