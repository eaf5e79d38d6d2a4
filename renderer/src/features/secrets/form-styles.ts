import { makeStyles, shorthands, tokens } from '@fluentui/react-components';

export const useFormStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    ...shorthands.padding(tokens.spacingVerticalL, tokens.spacingHorizontalL),
    overflowY: 'auto',
    minHeight: 0,
  },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  concealed: { '& textarea': { WebkitTextSecurity: 'disc' } as Record<string, string> },
  // Line the switch up with the fields' left edge.
  switchIndicator: { marginLeft: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, justifyContent: 'flex-start' },
});
