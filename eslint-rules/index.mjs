import noRawWebContentsSend from './no-raw-webcontents-send.mjs';

/** Kluis's own lint rules, for conventions no stock rule covers. Each has its test in test/unit/lint/. */
export default {
  meta: { name: 'eslint-plugin-kluis' },
  rules: { 'no-raw-webcontents-send': noRawWebContentsSend },
};
