import { timingSafeEqual } from 'node:crypto';
import type { BulkWriteMode, PromoteMetadata, PromotePlan, PromotePlanItem } from '../../contract';
import type { BulkRunner } from '../bulk/bulk-runner';
import type { BulkWriteItem } from '../bulk/bulk-writes';
import { failure } from '../errors/kluis-failure';
import type { CompareDeps, CompareEngine } from './compare-vaults';

export interface PromoteRequest {
  compareId: string;
  items: Array<{ name: string; mode: BulkWriteMode }>;
  metadata: PromoteMetadata;
}

/**
 * The dry run: exactly what promote would write to B, from what was compared (nothing is sent). An item that
 * cannot be written as chosen says why and which choice would work.
 */
export function reviewPromote(
  engine: CompareEngine,
  vaultName: (vaultId: string) => string,
  request: PromoteRequest,
): PromotePlan {
  const session = engine.session(request.compareId);
  const a = vaultName(session.vaultA);
  const b = vaultName(session.vaultB);
  const items = request.items.map(({ name, mode }): PromotePlanItem => {
    const item: PromotePlanItem = { name, mode };
    const row = session.rows.get(name.toLowerCase());
    const refuse = (why: string) => ({ ...item, refused: why });
    if (mode === 'skip') return item;
    if (!row) return refuse(`"${name}" is not in this comparison.`);
    if (!row.a) return refuse(`"${name}" is only in ${b}: there is nothing to promote from ${a}.`);
    if (!session.macA.has(name.toLowerCase())) {
      const why = session.readErrorsA.get(name.toLowerCase()) ?? row.valueError ?? '';
      return refuse(`Its value in ${a} could not be read when compared. ${why}`.trim());
    }
    if (row.deletedOnB && mode !== 'recover-then-update') {
      return refuse(
        `A deleted secret holds this name in ${b} (Key Vault refuses a new one until it is recovered or purged): choose "recover, then update", or skip it.`,
      );
    }
    if (mode === 'recover-then-update' && !row.deletedOnB) {
      return refuse(`No deleted secret holds this name in ${b}: choose "copy" or "new version".`);
    }
    if (mode === 'copy' && row.b) {
      return refuse(`It exists in ${b}: choose "new version" to write over it, or skip it.`);
    }
    const writes: NonNullable<PromotePlanItem['writes']> = {};
    if (request.metadata.contentType && row.a.contentType !== undefined)
      writes.contentType = row.a.contentType;
    if (request.metadata.tags) writes.tags = { ...row.a.tags };
    if (request.metadata.dates) {
      if (row.a.notBefore !== undefined) writes.notBefore = row.a.notBefore;
      if (row.a.expiresOn !== undefined) writes.expiresOn = row.a.expiresOn;
    }
    item.writes = writes;
    if (mode === 'new-version' && row.b?.version) item.overVersion = row.b.version;
    return item;
  });
  return {
    compareId: session.id,
    source: { vaultId: session.vaultA, name: a },
    target: { vaultId: session.vaultB, name: b },
    items,
    writes: items.filter((i) => !i.refused && i.mode !== 'skip').length,
  };
}

/**
 * Starts the promote as a bulk write job on B. Each item reads A's current value when it runs, checks it against
 * the MAC compared (else it fails: the value changed since), and writes it with the metadata of the dry run.
 */
export function startPromote(
  engine: CompareEngine,
  deps: Pick<CompareDeps, 'vaultName' | 'describe'> & { bulk: Pick<BulkRunner, 'startWrites' | 'settled'> },
  request: PromoteRequest,
): { jobId: string } {
  const plan = reviewPromote(engine, deps.vaultName, request);
  const session = engine.session(request.compareId);
  // The job keeps its own copy of the key and of the MACs it checks, so closing the comparison meanwhile does not
  // change its answers; they are wiped when it ends.
  const hmacKey = Buffer.from(session.key);
  const macs = new Map<string, Buffer>();
  for (const p of plan.items) {
    const m = session.macA.get(p.name.toLowerCase());
    if (m && !p.refused) macs.set(p.name.toLowerCase(), Buffer.from(m));
  }
  const items = plan.items.map((planned): BulkWriteItem => {
    const key = planned.name.toLowerCase();
    const base = { name: planned.name, mode: planned.mode };
    if (planned.refused) {
      const why = planned.refused;
      return {
        ...base,
        read: async () => {
          throw failure('conflict', `Not promoted: ${why}`);
        },
      };
    }
    return {
      ...base,
      ...(planned.overVersion ? { expectedVersion: planned.overVersion } : {}),
      reads: { vaultId: session.vaultA, requests: 1 },
      read: async () => {
        let secret;
        try {
          secret = await engine.readPaced(session.vaultA, planned.name);
        } catch (err) {
          const e = deps.describe(err, session.vaultA, 'secrets.get');
          throw failure(e.kind, `Reading it from ${plan.source.name}: ${e.message}`);
        }
        const compared = macs.get(key);
        const now = engine.mac(hmacKey, secret.value);
        const unchanged = compared !== undefined && timingSafeEqual(now, compared);
        now.fill(0);
        if (!unchanged) {
          throw failure(
            'conflict',
            `Its value in ${plan.source.name} changed after the comparison, so it was not promoted. Compare again to review it.`,
          );
        }
        return { value: secret.value, ...planned.writes };
      },
    };
  });
  const started = deps.bulk.startWrites({ vaultId: session.vaultB, items });
  void deps.bulk.settled(started.jobId).finally(() => {
    hmacKey.fill(0);
    for (const m of macs.values()) m.fill(0);
  });
  return started;
}
