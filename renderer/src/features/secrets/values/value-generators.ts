/** Random values for new secrets, from the platform CSPRNG with unbiased selection (rejection sampling). */

export const CHARACTER_CLASSES = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  symbols: '!#$%&()*+,-./:;<=>?@[]^_{|}~',
} as const;
export type CharacterClass = keyof typeof CHARACTER_CLASSES;

/** Characters that are easy to mistake for one another when read aloud or retyped. */
export const LOOK_ALIKES = 'Il1O0o|`\'"';

export const PASSWORD_LENGTH = { min: 8, max: 128, default: 32 } as const;

export interface PasswordOptions {
  length: number;
  classes: CharacterClass[];
  excludeLookAlikes: boolean;
}

type RandomFill = (array: Uint32Array) => Uint32Array;
const platformFill: RandomFill = (array) => crypto.getRandomValues(array);

/**
 * A uniform integer in [0, n): 32-bit draws above the largest multiple of n are thrown away, so every result is
 * equally likely (a plain modulo would favour the low values).
 */
export function randomIndex(n: number, fill: RandomFill = platformFill): number {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError('n must be 1..2^32');
  const limit = 2 ** 32 - (2 ** 32 % n);
  const draw = new Uint32Array(1);
  for (;;) {
    fill(draw);
    const x = draw[0] ?? limit;
    if (x < limit) return x % n;
  }
}

export function alphabetFor(options: Pick<PasswordOptions, 'classes' | 'excludeLookAlikes'>): string[] {
  return options.classes.map((c) =>
    [...CHARACTER_CLASSES[c]]
      .filter((ch) => !options.excludeLookAlikes || !LOOK_ALIKES.includes(ch))
      .join(''),
  );
}

/**
 * A password of `length` characters with at least one from each chosen class. Drawn uniformly from the union and
 * redrawn whole when a class is missing, which keeps the result uniform over the passwords that qualify.
 */
export function generatePassword(options: PasswordOptions, fill: RandomFill = platformFill): string {
  const length = Math.round(options.length);
  if (length < PASSWORD_LENGTH.min || length > PASSWORD_LENGTH.max)
    throw new RangeError(`Length is ${PASSWORD_LENGTH.min}-${PASSWORD_LENGTH.max}.`);
  const sets = alphabetFor(options).filter((s) => s.length > 0);
  if (sets.length === 0) throw new RangeError('Choose at least one kind of character.');
  const all = sets.join('');
  for (;;) {
    let out = '';
    for (let i = 0; i < length; i++) out += all[randomIndex(all.length, fill)];
    if (sets.every((set) => [...out].some((ch) => set.includes(ch)))) return out;
  }
}

export const generateGuid = (): string => crypto.randomUUID();

/** `bytes` random bytes, base64-encoded (an API key). */
export function generateBase64(bytes: number): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  let binary = '';
  for (const b of data) binary += String.fromCharCode(b);
  return btoa(binary);
}
