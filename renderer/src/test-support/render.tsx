import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';

// happy-dom's Animation.cancel() rejects a promise nobody awaits. Without element.animate, Fluent's motion
// takes its test-environment path and skips animations altogether.
for (const proto of [window.Element.prototype, window.HTMLElement.prototype]) {
  Object.defineProperty(proto, 'animate', { value: undefined, configurable: true, writable: true });
}

/** Renders inside the same FluentProvider the app uses. */
export function renderWithFluent(ui: ReactElement) {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}
