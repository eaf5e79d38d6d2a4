import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeNotification } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).electronMock);

describe('electron notifications glue', () => {
  beforeEach(() => {
    FakeNotification.shown = [];
    FakeNotification.supported = true;
  });

  it("shows core's title and text through Electron's Notification", async () => {
    const { electronNotifications } = await import('../../../electron/main/electron-notifications');
    electronNotifications.show({
      title: 'Prod: db-password expires soon',
      body: 'Expiring within 30 days: db-password (in 3 d).',
    });
    expect(FakeNotification.shown).toEqual([
      { title: 'Prod: db-password expires soon', body: 'Expiring within 30 days: db-password (in 3 d).' },
    ]);
  });

  it('reports whether the system supports notifications', async () => {
    const { electronNotifications } = await import('../../../electron/main/electron-notifications');
    expect(electronNotifications.isSupported()).toBe(true);
    FakeNotification.supported = false;
    expect(electronNotifications.isSupported()).toBe(false);
  });
});
