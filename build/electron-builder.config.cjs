// electron-builder configuration for Kluis. Resources (icon) live beside this file in build/.
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'dev.kluis.app',
  productName: 'Kluis',
  copyright: 'Copyright (c) Kluis developers',
  directories: { buildResources: 'build', output: 'dist' },
  // Only the built app goes into the asar: no sources, tests or local data.
  files: ['out/**/*', 'package.json', '!**/*.map'],
  asar: true,
  icon: 'build/icon.png',
  // Hardening fuses: the packaged binary cannot be turned into a plain Node runtime or debugger, and loads
  // only its own integrity-checked asar.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development',
    maintainer: 'Kluis developers <kluis@example.invalid>',
    synopsis: 'Azure Key Vault secrets, on your desktop',
  },
  deb: { depends: ['libsecret-1-0'] },
  mac: { target: ['dmg'], category: 'public.app-category.developer-tools', hardenedRuntime: true },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, allowToChangeInstallationDirectory: true },
  publish: null,
};
