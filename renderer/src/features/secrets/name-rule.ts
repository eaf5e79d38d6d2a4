import { MAX_SECRET_NAME_LENGTH, SECRET_NAME_PATTERN } from '../../../../electron/contract/limits';

export const NAME_RULE = 'Use 1-127 characters: letters, digits and dashes only.';

/** The message to show under the name field, or undefined when the name is valid. */
export function secretNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'A name is required. ' + NAME_RULE;
  if (name.length > MAX_SECRET_NAME_LENGTH) return `That is ${name.length} characters. ${NAME_RULE}`;
  if (!SECRET_NAME_PATTERN.test(name)) {
    const bad = [...new Set(name.replace(/[0-9a-zA-Z-]/g, ''))].map((c) => (c === ' ' ? 'space' : `“${c}”`));
    return `Not allowed: ${bad.join(', ')}. ${NAME_RULE}`;
  }
  return undefined;
}
