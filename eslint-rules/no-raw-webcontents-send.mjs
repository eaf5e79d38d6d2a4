/**
 * Main sends events to the renderer only through the typed wrapper (electron/main/ipc.ts, sendEvent), which checks
 * the event against the contract and skips a destroyed window. This rule flags any other `.send(...)` on something
 * named webContents or sender (win.webContents.send, event.sender.send, a webContents variable), and `.send` taken
 * off one without calling it. No stock rule knows Electron's WebContents, so this one goes by name.
 */
const TARGETS = new Set(['webContents', 'sender']);

/** The last name in `a.b.webContents` or a bare `webContents`. */
function tailName(node) {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    return node.property.name;
  }
  if (node.type === 'ChainExpression') return tailName(node.expression);
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Send renderer events only through the typed IPC wrapper (electron/main/ipc.ts).' },
    schema: [],
    messages: {
      raw: 'Send events through sendEvent in electron/main/ipc.ts, not {{target}}.send: it checks the event against the contract.',
    },
  },
  create(context) {
    return {
      MemberExpression(node) {
        const name = node.computed
          ? node.property.type === 'Literal' && node.property.value
          : node.property.type === 'Identifier' && node.property.name;
        if (name !== 'send') return;
        const target = tailName(node.object);
        if (target && TARGETS.has(target)) context.report({ node, messageId: 'raw', data: { target } });
      },
    };
  },
};
