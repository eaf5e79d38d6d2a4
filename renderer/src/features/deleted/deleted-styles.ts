import { makeStyles, shorthands, tokens } from '@fluentui/react-components';

export const useDeletedStyles = makeStyles({
  title: { margin: 0, flexGrow: 1, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  grid: { flexGrow: 1, minHeight: 0, overflowY: 'auto' },
  row: {
    display: 'grid',
    gridTemplateColumns: '28px minmax(140px, 2fr) 110px 150px',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    height: '32px',
    boxSizing: 'border-box',
    ...shorthands.padding(0, tokens.spacingHorizontalM),
  },
  item: {
    cursor: 'pointer',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  note: { ...shorthands.padding(tokens.spacingVerticalL) },
});
