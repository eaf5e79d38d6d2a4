import { join } from 'node:path';
import type { EventName, EventPayloads } from '../../electron/contract';
import { createFileKeyStore, type KluisCoreDeps } from '../../electron/core';

/**
 * What every test core needs and no test varies: a user data folder, the local vault key in a plain file there (main
 * uses safeStorage), a clipboard that does nothing, every sender trusted and a test version. Events go to `onEvent`.
 */
export function testCoreDeps(
  userDataDir: string,
  onEvent: (name: EventName, payload: unknown) => void = () => undefined,
): Pick<KluisCoreDeps, 'userDataDir' | 'keyStore' | 'clipboard' | 'emit' | 'isTrustedSender' | 'appVersion'> {
  return {
    userDataDir,
    keyStore: createFileKeyStore(join(userDataDir, 'test-local-vault.key')),
    clipboard: { writeText: () => undefined, readText: () => '', clear: () => undefined },
    emit: <E extends EventName>(name: E, payload: EventPayloads[E]) => onEvent(name, payload),
    isTrustedSender: () => true,
    appVersion: '0.0.0-test',
  };
}
