import { describe, expect, it } from 'vitest';
import {
  appendToPath,
  candidateCliDirectories,
  findCliDirectories,
} from '../../../electron/core/auth/cli-locations';

describe('az / azd install locations', () => {
  it("lists the installers' folders per platform", () => {
    expect(candidateCliDirectories('darwin', {}, '/Users/a')).toContain('/opt/homebrew/bin');
    expect(candidateCliDirectories('linux', {}, '/home/a')).toEqual(
      expect.arrayContaining(['/usr/bin', '/usr/local/bin', '/home/a/.azd/bin']),
    );
    expect(
      candidateCliDirectories('win32', { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'C:\\Users\\a'),
    ).toEqual(
      expect.arrayContaining([
        'C:\\Program Files\\Microsoft SDKs\\Azure\\CLI2\\wbin',
        'C:\\Users\\a\\AppData\\Local\\Programs\\Azure Dev CLI',
      ]),
    );
  });

  it('finds existing folders missing from PATH (Windows compares without case, under Path)', () => {
    const exists = (d: string) => d !== '/snap/bin';
    expect(findCliDirectories('linux', { PATH: '/usr/bin:/usr/local/bin/' }, exists, '/home/a')).toEqual([
      '/home/a/.azd/bin',
      '/home/a/.local/bin',
      '/home/linuxbrew/.linuxbrew/bin',
    ]);
    const win = findCliDirectories(
      'win32',
      { Path: 'c:\\program files\\microsoft sdks\\azure\\cli2\\wbin\\', LOCALAPPDATA: 'C:\\L' },
      () => true,
      'C:\\Users\\a',
    );
    expect(win).not.toContain('C:\\Program Files\\Microsoft SDKs\\Azure\\CLI2\\wbin');
    expect(win).toContain('C:\\L\\Programs\\Azure Dev CLI');
  });

  it("appends after the user's own entries, once", () => {
    const env: NodeJS.ProcessEnv = { PATH: '/bin' };
    appendToPath(['/opt/homebrew/bin'], env, 'darwin');
    appendToPath(['/opt/homebrew/bin'], env, 'darwin');
    expect(env.PATH).toBe('/bin:/opt/homebrew/bin');
    const winEnv: NodeJS.ProcessEnv = { Path: 'C:\\Windows' };
    appendToPath(['C:\\az'], winEnv, 'win32');
    expect(winEnv).toEqual({ Path: 'C:\\Windows;C:\\az' });
  });
});
