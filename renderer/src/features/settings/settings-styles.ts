import { makeStyles, shorthands, tokens } from '@fluentui/react-components';

export const useSettingsStyles = makeStyles({
  root: {
    overflowY: 'auto',
    minHeight: 0,
    height: '100%',
    boxSizing: 'border-box',
    ...shorthands.padding(tokens.spacingVerticalXL, tokens.spacingHorizontalXXL),
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXL,
    maxWidth: '760px',
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  vaultRow: {
    display: 'grid',
    gridTemplateColumns: 'minmax(220px, 1.4fr) minmax(0, 1fr) auto auto auto auto',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    ...shorthands.padding(tokens.spacingVerticalS, 0),
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  url: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    overflowWrap: 'anywhere',
  },
  kind: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  numbers: { display: 'flex', gap: tokens.spacingHorizontalXL, flexWrap: 'wrap' },
});
