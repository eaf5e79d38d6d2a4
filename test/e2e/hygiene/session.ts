import type { SecretClient } from '@azure/keyvault-secrets';
import type { Page } from 'playwright-core';
import type { KluisHarness } from '../harness/launch-kluis';

/** A second vault (another real local vault, added as an Azure vault with a service principal). */
export interface SecondVault {
  displayName: string;
  /** The real SDK straight at it, to seed and check without Kluis. */
  client: SecretClient;
  /** Adds it to Kluis (once); its vault id. */
  connect(): Promise<string>;
}

/** What a hygiene session gets: the running app, the local vault it works in, and the page's strings. */
export interface HygieneContext {
  h: KluisHarness;
  page: Page;
  vaultId: string;
  /** Every string the page holds: markup, text, form field values and storage. */
  pageStrings(): Promise<string>;
  second: SecondVault;
}

/**
 * One feature's part of the secret hygiene test (test/e2e/secret-hygiene.test.ts): it works through the UI as a
 * user would, with values of its own, and leaves every value concealed when it ends. The test then checks that none
 * of its values is in a log line, in settings, in the page, or in any file but those the session returns as
 * chosen by the user (an export, a saved value), which must hold them.
 */
export interface HygieneSession {
  name: string;
  /** Values the session writes to a vault or a file; none may leak. Make them unique strings. */
  values: string[];
  /** Runs the session; returns the files the user chose to write, if any. */
  run(ctx: HygieneContext): Promise<{ chosenFiles?: string[] } | void>;
}

/** Every string the page holds: markup, text, form field values and storage. */
export async function pageStrings(page: Page): Promise<string> {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll('input, textarea')].map(
      (el) => (el as HTMLInputElement | HTMLTextAreaElement).value,
    );
    const storage = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    return [document.documentElement.outerHTML, document.body.innerText, ...fields, storage].join('\n');
  });
}
