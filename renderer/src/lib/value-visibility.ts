import { useLayoutEffect } from 'react';
import { kluis } from './api';

let visibleCount = 0;
let reported = false;

function report(): void {
  const visible = visibleCount > 0;
  if (visible === reported) return;
  reported = visible;
  void kluis().app.setValueVisible({ visible });
}

/**
 * Marks a secret value as visible in the window while `visible` is true, so main keeps the window out of screen
 * captures and screen sharing meanwhile (app.setValueVisible; the contentProtection setting). Main is told only when
 * the first value appears and when the last one goes. A layout effect: main hears before the browser paints.
 */
export function useValueVisible(visible: boolean): void {
  useLayoutEffect(() => {
    if (!visible) return;
    visibleCount += 1;
    report();
    return () => {
      visibleCount -= 1;
      report();
    };
  }, [visible]);
}
