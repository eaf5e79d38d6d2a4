import { z } from 'zod';
import type { AccessDiagnosis, KluisError } from './errors';
import { VaultId } from './models';

/**
 * vaults.diagnose: the access doctor's checks on one vault, in order. The renderer names the run (a fresh uuid) so it
 * can show each step from 'vaults.diagnoseStep' as it completes; the result repeats every step.
 */
export const DiagnoseInput = z.object({ vaultId: VaultId, runId: z.string().uuid() }).strict();

export const DIAGNOSE_STEPS = ['dns', 'tls', 'challenge', 'token', 'list', 'get'] as const;
export type DiagnoseStepId = (typeof DIAGNOSE_STEPS)[number];

/** One check's outcome. Nothing in it is a token or a secret value. */
export interface DiagnoseStep {
  runId: string;
  vaultId: string;
  step: DiagnoseStepId;
  /** What was checked, e.g. "DNS: contoso-kv.vault.azure.net". */
  title: string;
  status: 'ok' | 'failed' | 'skipped';
  /** What was found (ok) or what went wrong (failed), or why it did not run (skipped). */
  detail: string;
  /** What to do about a failure. */
  fix?: string;
  /** The command that fixes it, to copy (az role assignment create, az keyvault set-policy, az login …). */
  command?: string;
  /** A refusal's diagnosis (list and get steps, the challenge's tenant). */
  access?: AccessDiagnosis;
  /** DNS: names of known vaults close to a mistyped one (from discovery, when it knows any). */
  suggestions?: string[];
  /** The failure as every other operation reports it. */
  error?: KluisError;
}

export interface DiagnoseResult {
  runId: string;
  steps: DiagnoseStep[];
}
