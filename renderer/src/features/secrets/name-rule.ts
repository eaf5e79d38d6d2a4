/**
 * The contract's SECRET_NAME_PATTERN, restated here because importing contract/models would pull zod into
 * the renderer bundle; name-rule.test.ts checks the two stay identical.
 */
export const SECRET_NAME_PATTERN = /^[0-9a-zA-Z-]{1,127}$/;

export const NAME_RULE = 'Use 1-127 characters: letters, digits and dashes only.';

/** The message to show under the name field, or undefined when the name is valid. */
export function secretNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'A name is required. ' + NAME_RULE;
  if (name.length > 127) return `That is ${name.length} characters. ${NAME_RULE}`;
  if (!SECRET_NAME_PATTERN.test(name)) {
    const bad = [...new Set(name.replace(/[0-9a-zA-Z-]/g, ''))].map((c) => (c === ' ' ? 'space' : `“${c}”`));
    return `Not allowed: ${bad.join(', ')}. ${NAME_RULE}`;
  }
  return undefined;
}
