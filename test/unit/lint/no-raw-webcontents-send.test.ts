import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import rule from '../../../eslint-rules/no-raw-webcontents-send.mjs';

RuleTester.describe = describe;
RuleTester.it = it;

new RuleTester().run('no-raw-webcontents-send', rule, {
  valid: [
    "sendEvent(win.webContents, 'settings.changed', settings);",
    'socket.send(data);',
    'win.webContents.openDevTools();',
    "target.send('x');",
  ],
  invalid: [
    { code: "win.webContents.send('kluis:x', 1);", errors: [{ messageId: 'raw' }] },
    { code: "webContents.send('kluis:x');", errors: [{ messageId: 'raw' }] },
    { code: "event.sender.send('kluis:x');", errors: [{ messageId: 'raw' }] },
    { code: "win?.webContents?.send('kluis:x');", errors: [{ messageId: 'raw' }] },
    { code: "win.webContents['send']('kluis:x');", errors: [{ messageId: 'raw' }] },
    { code: 'const send = win.webContents.send;', errors: [{ messageId: 'raw' }] },
  ],
});
