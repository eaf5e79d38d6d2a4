import {
  Button,
  Card,
  makeStyles,
  shorthands,
  Spinner,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components';
import { Cloud24Regular, Desktop24Regular, LockClosed32Filled } from '@fluentui/react-icons';
import { lazy, Suspense, useState } from 'react';
import type { KluisError } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import { AddVaultForm } from '../vaults/AddVaultForm';

const DiscoveryView = lazy(() => import('../discovery/DiscoveryView'));

const useStyles = makeStyles({
  root: {
    height: '100%',
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    ...shorthands.padding(tokens.spacingVerticalXXXL, tokens.spacingHorizontalXXL),
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  intro: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalXXL,
    textAlign: 'center',
  },
  logo: { color: tokens.colorBrandForeground1 },
  lead: { color: tokens.colorNeutralForeground2, maxWidth: '560px', textAlign: 'center' },
  paths: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
    gap: tokens.spacingHorizontalXL,
    width: '100%',
    maxWidth: '880px',
    alignItems: 'start',
  },
  card: {
    ...shorthands.padding(tokens.spacingVerticalL, tokens.spacingHorizontalL),
    gap: tokens.spacingVerticalM,
  },
  cardTitle: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  what: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/** The welcome when no vault is configured: connect to Azure, or try the local vault. */
export default function FirstRun({ onReady }: { onReady: () => void }) {
  const styles = useStyles();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<KluisError>();
  const [browsing, setBrowsing] = useState(false);

  const openLocal = async () => {
    setStarting(true);
    setError(undefined);
    const result = await kluis().localVault.open();
    setStarting(false);
    if (result.ok) onReady();
    else setError(result.error);
  };

  if (browsing) {
    return (
      <Suspense fallback={<Spinner size="small" label="Loading…" />}>
        <DiscoveryView vaults={[]} onAdded={onReady} onAddByName={() => setBrowsing(false)} />
      </Suspense>
    );
  }

  return (
    <main className={styles.root}>
      <div className={styles.intro}>
        <LockClosed32Filled className={styles.logo} aria-hidden />
        <Title2 as="h1">Welcome to Kluis</Title2>
        <Text className={styles.lead}>
          Browse, create and reveal the secrets in your Azure Key Vaults. Values stay hidden until you ask to
          see them.
        </Text>
      </div>
      <div className={styles.paths}>
        <Card className={styles.card}>
          <h2 className={styles.cardTitle}>
            <Cloud24Regular aria-hidden /> Connect to an Azure Key Vault
          </h2>
          <Text className={styles.what}>
            Kluis signs in with the method you choose and lists the vault’s secrets; only the vault’s address
            and sign-in method are saved.
          </Text>
          <AddVaultForm onAdded={onReady} />
          <div className={styles.actions}>
            <Text className={styles.what}>Don’t know the name?</Text>
            <Button onClick={() => setBrowsing(true)}>Browse vaults in your subscriptions</Button>
          </div>
        </Card>
        <Card className={styles.card}>
          <h2 className={styles.cardTitle}>
            <Desktop24Regular aria-hidden /> Try the local vault
          </h2>
          <Text className={styles.what}>
            No Azure account needed: Kluis starts a Key Vault-compatible vault on this computer, stored
            encrypted in your profile, so you can try everything safely.
          </Text>
          {error && <ErrorBanner error={error} onRetry={() => void openLocal()} />}
          <div className={styles.actions}>
            <Button appearance="primary" disabled={starting} onClick={() => void openLocal()}>
              Try the local vault
            </Button>
            {starting && <Spinner size="tiny" label="Starting the local vault…" />}
          </div>
        </Card>
      </div>
    </main>
  );
}
