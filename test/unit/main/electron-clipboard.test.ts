import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, FakeClipboardItem } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).electronMock);

const { createElectronClipboard } = await import('../../../electron/main/electron-clipboard');

const raw = (name: string) => `electron application/osclipboard;format="${name}"`;
const bytes = async (blob: unknown) => Buffer.from(await (blob as Blob).arrayBuffer());

beforeEach(() => {
  electronMock.clipboard.write.mockClear();
  electronMock.clipboard.writeText.mockClear();
});

/** The one ClipboardItem of the one write() a secret copy made. */
async function secretCopy(platform: NodeJS.Platform): Promise<Record<string, unknown>> {
  await createElectronClipboard(platform).writeText('s3cret', 'secret');
  expect(electronMock.clipboard.write).toHaveBeenCalledTimes(1);
  expect(electronMock.clipboard.writeText).not.toHaveBeenCalled();
  const items = electronMock.clipboard.write.mock.calls[0]![0];
  expect(items).toHaveLength(1);
  const item = items[0]!;
  expect(item).toBeInstanceOf(FakeClipboardItem);
  expect(item.items['text/plain']).toBe('s3cret');
  return item.items;
}

describe('electron clipboard', () => {
  it('Windows: the text with the three history / cloud markers as 4-byte little-endian DWORD 0, in one write', async () => {
    const entry = await secretCopy('win32');
    for (const name of [
      'ExcludeClipboardContentFromMonitorProcessing',
      'CanIncludeInClipboardHistory',
      'CanUploadToCloudClipboard',
    ]) {
      expect(await bytes(entry[raw(name)]), name).toEqual(Buffer.from([0, 0, 0, 0]));
    }
    expect(Object.keys(entry)).toHaveLength(4);
  });

  it('macOS: the text with org.nspasteboard.ConcealedType, in one write', async () => {
    const entry = await secretCopy('darwin');
    expect(Object.keys(entry)).toEqual(['text/plain', raw('org.nspasteboard.ConcealedType')]);
    // A marker, not a second copy of the value.
    expect((await bytes(entry[raw('org.nspasteboard.ConcealedType')])).toString('utf8')).toBe('secret');
  });

  it('Linux: the text with x-kde-passwordManagerHint = secret, in one write', async () => {
    const entry = await secretCopy('linux');
    expect(Object.keys(entry)).toEqual(['text/plain', raw('x-kde-passwordManagerHint')]);
    expect((await bytes(entry[raw('x-kde-passwordManagerHint')])).toString('utf8')).toBe('secret');
  });

  it('plain text (an id) goes as plain text, without markers', async () => {
    await createElectronClipboard('linux').writeText('my-secret-name', 'plain');
    expect(electronMock.clipboard.writeText).toHaveBeenCalledWith('my-secret-name');
    expect(electronMock.clipboard.write).not.toHaveBeenCalled();
  });
});
