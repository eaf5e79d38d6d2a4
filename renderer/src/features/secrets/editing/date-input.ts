/** Epoch ms <-> the value of an <input type="datetime-local"> (local time, minutes). */
export function toLocalInput(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(text: string): number | undefined {
  if (!text) return undefined;
  const ms = new Date(text).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** The native date picker's icon and popup follow the OS theme, as the app does by default. */
export const NATIVE_PICKER = { style: { colorScheme: 'light dark' } } as const;
