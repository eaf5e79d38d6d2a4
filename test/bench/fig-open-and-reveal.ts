/**
 * Figures 1 and 2: opening a vault of 5,000 secrets and revealing one value, in the built renderer (Chromium,
 * e2e transport) against the real core and a local vault with 20 ms latency per request; each next to the raw
 * SDK over the same vault, interleaved in the same run.
 */
import type { Locator, Page } from 'playwright-core';
import { channelOf } from '../../electron/contract';
import { launchBench, LIST_PAGE, probe, SENDER, type BenchHarness } from './harness';
import { rawSdkClient } from './sdk-client';
import { median, round } from './stats';

const LOCAL_VAULT_ID = 'local';
const REVEAL_NAME = 'app-setting-000010';

interface WhenResult {
  seen: number;
  painted: number;
}

export interface OpenVaultResult {
  secrets: number;
  latencyMs: number;
  reps: number;
  /** The very first open (local vault start, SDK load, auth challenge), one sample, for information. */
  coldClickToFirstRowMs: number;
  coldClickToWholeListMs: number;
  /** Medians over reps of a warm open: click on the vault in the sidebar (from Settings). */
  clickToFirstRowMs: number;
  requestToFirstRowMs: number;
  clickToWholeListMs: number;
  requestToWholeListMs: number;
  /** Core's listPage handler in a loop in Node (no renderer, no transport). */
  coreHandlerWholeListMs: number;
  /** window.kluis.secrets.listPage called in a loop from the page (e2e transport + core), nothing rendered. */
  transportWholeListMs: number;
  /** Where the first-row time goes: click → listPage sent, the first call as the page sees it, click → row in DOM. */
  clickToRequestMs: number;
  firstListCallMs: number;
  clickToFirstRowInDomMs: number;
  /** Of requestToWholeListMs: the sum of listPage call durations seen by the page, and of the gaps between. */
  pageInListCallsMs: number;
  pageBetweenListCallsMs: number;
  sdkFirstPageMs: number;
  sdkWholeListMs: number;
  samples: Record<string, number[]>;
}

export interface RevealResult {
  reps: number;
  /** Click on Reveal → the value element is in the DOM (MutationObserver). */
  clickToValueInDomMs: number;
  /** … and after the next paint. */
  clickToValuePaintedMs: number;
  /** secrets.get as the page sees it: call to resolution through the e2e transport. */
  pageCallMs: number;
  /** core's secrets.get handler called in Node (registry + core + SDK), no renderer or transport. */
  coreHandlerGetMs: number;
  sdkGetSecretMs: number;
  samples: Record<string, number[]>;
}

async function armListWatch(page: Page, total: number): Promise<void> {
  await page.evaluate((rowCount) => {
    const w = window as unknown as Record<string, unknown> & {
      __benchWhen(c: () => boolean, t: number): Promise<WhenResult>;
    };
    const grid = () => document.querySelector('[role="grid"][aria-label="Secrets"]');
    w.__first = w.__benchWhen(() => document.querySelector('[data-secret-name]') !== null, 120_000);
    w.__all = w.__benchWhen(
      () =>
        grid()?.getAttribute('aria-rowcount') === String(rowCount) &&
        !(document.body.textContent ?? '').includes('Loading more'),
      120_000,
    );
  }, total + 1);
}

async function awaitListWatch(page: Page): Promise<{ first: WhenResult; all: WhenResult }> {
  return page.evaluate(async () => {
    const w = window as unknown as { __first: Promise<WhenResult>; __all: Promise<WhenResult> };
    return { first: await w.__first, all: await w.__all };
  });
}

/** Click → first row / whole list, and the listPage calls the page made since `callsBefore`. */
async function uiOpen(page: Page, total: number, click: () => Promise<void>) {
  const callsBefore = (await probe(page)).calls.length;
  await armListWatch(page, total);
  await click();
  const { first, all } = await awaitListWatch(page);
  const p = await probe(page);
  const lists = p.calls.slice(callsBefore).filter((c) => c.channel === LIST_PAGE);
  if (lists.some((c) => c.end === undefined)) throw new Error('the whole list showed before paging finished');
  const requestStart = lists[0]!.start;
  // Where the time goes between pages: inside listPage calls (transport + core + vault) or between them
  // (the renderer merging, sorting and rendering before it asks for the next page).
  let inCalls = 0;
  let between = 0;
  lists.forEach((c, i) => {
    inCalls += c.end! - c.start;
    if (i > 0) between += c.start - lists[i - 1]!.end!;
  });
  return {
    clickToRequest: requestStart - p.lastClick,
    firstCall: lists[0]!.end! - requestStart,
    firstRowInDom: first.seen - p.lastClick,
    inCalls,
    between,
    clickToFirstRow: first.painted - p.lastClick,
    requestToFirstRow: first.painted - requestStart,
    clickToWhole: all.painted - p.lastClick,
    requestToWhole: all.painted - requestStart,
    pages: lists.length,
  };
}

/** The whole list through window.kluis from the page, without the renderer's list (no state, no rendering). */
async function transportList(page: Page, total: number): Promise<number> {
  const { ms, count } = await page.evaluate(async (vaultId) => {
    type ListPage = (input: {
      vaultId: string;
      continuationToken?: string;
    }) => Promise<{ ok: boolean; value?: { items: unknown[]; continuationToken?: string } }>;
    const listPage = (window as unknown as { kluis: { secrets: { listPage: ListPage } } }).kluis.secrets
      .listPage;
    const t0 = performance.now();
    let continuationToken: string | undefined;
    let n = 0;
    do {
      const r = await listPage({ vaultId, ...(continuationToken ? { continuationToken } : {}) });
      if (!r.ok || !r.value) throw new Error('listPage failed');
      n += r.value.items.length;
      continuationToken = r.value.continuationToken;
    } while (continuationToken);
    return { ms: performance.now() - t0, count: n };
  }, LOCAL_VAULT_ID);
  if (count !== total) throw new Error(`page listed ${count} secrets, expected ${total}`);
  return ms;
}

/**
 * A click as a person makes it: the button held for 60 ms, then released. Playwright's own click() presses and
 * releases in the same instant, so the release (the click event's timestamp, where the timing starts) would be
 * queued behind the press's handlers (focus handling, ~5 ms here), which a person's press has long finished.
 */
async function humanClick(page: Page, target: Locator): Promise<void> {
  await target.hover();
  await page.mouse.down();
  await page.waitForTimeout(60);
  await page.mouse.up();
}

export async function measureOpenAndReveal(
  rendererDir: string,
  opts: { secrets: number; latencyMs: number; reps: number; revealReps: number; log: (s: string) => void },
): Promise<{ open: OpenVaultResult; reveal: RevealResult }> {
  const h: BenchHarness = await launchBench({
    rendererDir,
    vault: { latencyMs: opts.latencyMs },
    seedSecrets: opts.secrets,
  });
  try {
    const { page } = h;
    const total = opts.secrets;
    await page.getByRole('heading', { name: 'Welcome to Kluis' }).waitFor();
    const cold = await uiOpen(page, total, () =>
      page.getByRole('button', { name: 'Try the local vault' }).click(),
    );
    opts.log(
      `  cold open: first row ${cold.clickToFirstRow.toFixed(0)} ms, whole ${cold.clickToWhole.toFixed(0)} ms`,
    );

    const sdk = rawSdkClient(h.vault());
    const sdkList = async () => {
      const t0 = performance.now();
      let firstPage = NaN;
      let count = 0;
      for await (const pageItems of sdk.listPropertiesOfSecrets().byPage()) {
        if (Number.isNaN(firstPage)) firstPage = performance.now() - t0;
        count += pageItems.length;
      }
      if (count !== total) throw new Error(`raw SDK listed ${count} secrets, expected ${total}`);
      return { firstPage, whole: performance.now() - t0 };
    };
    const coreList = async () => {
      const handler = h.core.handlers.get(LIST_PAGE)!;
      const t0 = performance.now();
      let continuationToken: string | undefined;
      let count = 0;
      do {
        const r = await handler(SENDER, {
          vaultId: LOCAL_VAULT_ID,
          ...(continuationToken ? { continuationToken } : {}),
        });
        if (!r.ok) throw new Error(`core listPage failed: ${r.error.kind}`);
        const value = r.value as { items: unknown[]; continuationToken?: string };
        count += value.items.length;
        continuationToken = value.continuationToken;
      } while (continuationToken);
      if (count !== total) throw new Error(`core listed ${count} secrets, expected ${total}`);
      return performance.now() - t0;
    };
    await sdkList(); // warm: connection, auth challenge, SDK code paths

    const sidebar = page.getByRole('navigation', { name: 'Vaults' });
    const s: Record<string, number[]> = {
      clickToFirstRow: [],
      requestToFirstRow: [],
      clickToWhole: [],
      requestToWhole: [],
      clickToRequest: [],
      firstCall: [],
      firstRowInDom: [],
      pageInCalls: [],
      pageBetweenCalls: [],
      coreWhole: [],
      transportWhole: [],
      sdkFirstPage: [],
      sdkWhole: [],
    };
    for (let rep = 0; rep < opts.reps; rep++) {
      // Rotate the order so no variant always runs right after another.
      const steps = [
        async () => {
          const r = await sdkList();
          s.sdkFirstPage!.push(r.firstPage);
          s.sdkWhole!.push(r.whole);
        },
        async () => {
          await sidebar.getByRole('button', { name: 'Settings' }).click();
          await page.getByRole('main', { name: 'Settings' }).waitFor();
          await page.waitForTimeout(200);
          const r = await uiOpen(page, total, () =>
            humanClick(page, sidebar.getByRole('button', { name: /Local vault/ })),
          );
          s.clickToFirstRow!.push(r.clickToFirstRow);
          s.requestToFirstRow!.push(r.requestToFirstRow);
          s.clickToWhole!.push(r.clickToWhole);
          s.requestToWhole!.push(r.requestToWhole);
          s.clickToRequest!.push(r.clickToRequest);
          s.firstCall!.push(r.firstCall);
          s.firstRowInDom!.push(r.firstRowInDom);
          s.pageInCalls!.push(r.inCalls);
          s.pageBetweenCalls!.push(r.between);
        },
        async () => {
          s.coreWhole!.push(await coreList());
        },
        async () => {
          s.transportWhole!.push(await transportList(page, total));
        },
      ];
      for (let i = 0; i < steps.length; i++) await steps[(i + rep) % steps.length]!();
      opts.log(
        `  rep ${rep + 1}: ui first ${s.clickToFirstRow!.at(-1)!.toFixed(0)} ms, ui whole ${s.clickToWhole!.at(-1)!.toFixed(0)} ms, core ${s.coreWhole!.at(-1)!.toFixed(0)} ms, transport ${s.transportWhole!.at(-1)!.toFixed(0)} ms, sdk ${s.sdkWhole!.at(-1)!.toFixed(0)} ms`,
      );
    }
    const open: OpenVaultResult = {
      secrets: total,
      latencyMs: opts.latencyMs,
      reps: opts.reps,
      coldClickToFirstRowMs: round(cold.clickToFirstRow),
      coldClickToWholeListMs: round(cold.clickToWhole),
      clickToFirstRowMs: round(median(s.clickToFirstRow!)),
      requestToFirstRowMs: round(median(s.requestToFirstRow!)),
      clickToWholeListMs: round(median(s.clickToWhole!)),
      requestToWholeListMs: round(median(s.requestToWhole!)),
      coreHandlerWholeListMs: round(median(s.coreWhole!)),
      transportWholeListMs: round(median(s.transportWhole!)),
      clickToRequestMs: round(median(s.clickToRequest!)),
      firstListCallMs: round(median(s.firstCall!)),
      clickToFirstRowInDomMs: round(median(s.firstRowInDom!)),
      pageInListCallsMs: round(median(s.pageInCalls!)),
      pageBetweenListCallsMs: round(median(s.pageBetweenCalls!)),
      sdkFirstPageMs: round(median(s.sdkFirstPage!)),
      sdkWholeListMs: round(median(s.sdkWhole!)),
      samples: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.map((x) => round(x))])),
    };

    // Figure 2: reveal one value. Open its details once, then Reveal / Conceal repeatedly.
    await page.locator(`[role="row"][data-secret-name="${REVEAL_NAME}"]`).click();
    const details = page.getByRole('region', { name: `Details of ${REVEAL_NAME}` });
    await details.waitFor();
    const GET = channelOf('secrets', 'get');
    const r: Record<string, number[]> = {
      clickToValueInDom: [],
      clickToValue: [],
      pageCall: [],
      coreGet: [],
      sdkGet: [],
    };
    const coreGet = h.core.handlers.get(GET)!;
    await sdk.getSecret(REVEAL_NAME); // warm; the value is not kept or printed
    for (let rep = 0; rep < opts.revealReps; rep++) {
      const t0 = performance.now();
      const secret = await sdk.getSecret(REVEAL_NAME);
      r.sdkGet!.push(performance.now() - t0);
      if (!secret.value) throw new Error('raw SDK returned no value');
      const t1 = performance.now();
      const viaCore = await coreGet(SENDER, { vaultId: LOCAL_VAULT_ID, name: REVEAL_NAME });
      r.coreGet!.push(performance.now() - t1);
      if (!viaCore.ok) throw new Error(`core secrets.get failed: ${viaCore.error.kind}`);

      const callsBefore = (await probe(page)).calls.length;
      await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown> & {
          __benchWhen(c: () => boolean, t: number): Promise<WhenResult>;
        };
        w.__value = w.__benchWhen(
          () => document.querySelector('[data-testid="secret-value"]') !== null,
          30_000,
        );
      });
      await humanClick(page, details.getByRole('button', { name: 'Reveal', exact: true }));
      const shown = await page.evaluate(
        () => (window as unknown as { __value: Promise<WhenResult> }).__value,
      );
      const p = await probe(page);
      const call = p.calls.slice(callsBefore).find((c) => c.channel === GET)!;
      r.clickToValueInDom!.push(shown.seen - p.lastClick);
      r.clickToValue!.push(shown.painted - p.lastClick);
      r.pageCall!.push(call.end! - call.start);
      await details.getByRole('button', { name: 'Conceal', exact: true }).click();
      await details.getByRole('button', { name: 'Reveal', exact: true }).waitFor();
    }
    const reveal: RevealResult = {
      reps: opts.revealReps,
      clickToValueInDomMs: round(median(r.clickToValueInDom!)),
      clickToValuePaintedMs: round(median(r.clickToValue!)),
      pageCallMs: round(median(r.pageCall!)),
      coreHandlerGetMs: round(median(r.coreGet!)),
      sdkGetSecretMs: round(median(r.sdkGet!)),
      samples: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.map((x) => round(x))])),
    };
    return { open, reveal };
  } finally {
    await h.close();
  }
}
