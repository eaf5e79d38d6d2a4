import { MAX_SECRET_VALUE_LENGTH } from '../../../../../electron/contract/limits';

export type FileReadResult = { ok: true; text: string } | { ok: false; message: string };

const fmt = (n: number) => n.toLocaleString('en-US');
const tooLong = (name: string, chars: string) =>
  `“${name}” has ${chars} characters; a secret value holds at most ${fmt(MAX_SECRET_VALUE_LENGTH)}. Nothing was loaded.`;

/** Reads a picked or dropped file as UTF-8 text in the renderer, refusing one over the value limit. */
export function readValueFile(file: File): Promise<FileReadResult> {
  // UTF-8 needs at least one byte per character: a file with 4x the limit in bytes cannot fit.
  if (file.size > MAX_SECRET_VALUE_LENGTH * 4)
    return Promise.resolve({ ok: false, message: tooLong(file.name, 'too many') });
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => {
      const text = typeof reader.result === 'string' ? reader.result : '';
      resolve(
        text.length > MAX_SECRET_VALUE_LENGTH
          ? { ok: false, message: tooLong(file.name, fmt(text.length)) }
          : { ok: true, text },
      );
    };
    reader.onerror = () => resolve({ ok: false, message: `“${file.name}” could not be read.` });
    reader.readAsText(file);
  });
}
