/**
 * Figure 2b: the app's own overhead per IPC call. A trivial operation (localVault.status, app.getState)
 * through core's handler registry (sender check, zod parse, core, result envelope) against a direct call of
 * an async function returning the same kind of object; and, labelled separately, the same call from the page
 * through the e2e transport (a Playwright binding over CDP, which Electron's IPC does not have).
 */
import { channelOf } from '../../electron/contract';
import { launchBench, SENDER } from './harness';
import { median, round } from './stats';

export interface IpcOverheadResult {
  calls: number;
  directCallUs: number;
  statusHandlerUs: number;
  getStateHandlerUs: number;
  /** median(handler) - median(direct), in microseconds. */
  statusOverheadUs: number;
  getStateOverheadUs: number;
  e2eTransportStatusMs: number;
}

export async function measureIpcOverhead(rendererDir: string, calls: number): Promise<IpcOverheadResult> {
  const h = await launchBench({ rendererDir, vault: {} });
  try {
    const status = h.core.handlers.get(channelOf('localVault', 'status'))!;
    const getState = h.core.handlers.get(channelOf('app', 'getState'))!;
    const snapshot = { state: 'stopped' as const };
    const direct = async (_input: unknown) => ({ ...snapshot });
    const samples = { direct: [] as number[], status: [] as number[], getState: [] as number[] };
    const variants: [keyof typeof samples, () => Promise<unknown>][] = [
      ['direct', () => direct({})],
      ['status', () => status(SENDER, {})],
      ['getState', () => getState(SENDER, {})],
    ];
    // Warm the JIT, then interleave in batches of 100 so drifting machine load hits all variants alike.
    for (const [, run] of variants) for (let i = 0; i < 2000; i++) await run();
    for (let done = 0; done < calls; done += 100) {
      for (const [name, run] of variants) {
        for (let i = 0; i < 100; i++) {
          const t0 = performance.now();
          await run();
          samples[name].push((performance.now() - t0) * 1000);
        }
      }
    }
    await h.page.getByRole('heading', { name: 'Welcome to Kluis' }).waitFor();
    const e2e = await h.page.evaluate(async (n) => {
      const api = (window as unknown as { kluis: { localVault: { status(): Promise<unknown> } } }).kluis;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await api.localVault.status();
        out.push(performance.now() - t0);
      }
      return out;
    }, 300);
    const d = median(samples.direct);
    return {
      calls,
      directCallUs: round(d, 2),
      statusHandlerUs: round(median(samples.status), 2),
      getStateHandlerUs: round(median(samples.getState), 2),
      statusOverheadUs: round(median(samples.status) - d, 2),
      getStateOverheadUs: round(median(samples.getState) - d, 2),
      e2eTransportStatusMs: round(median(e2e.slice(50)), 2),
    };
  } finally {
    await h.close();
  }
}
