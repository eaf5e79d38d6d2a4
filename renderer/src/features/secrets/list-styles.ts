import { makeStyles, shorthands, tokens } from '@fluentui/react-components';

export const ROW_HEIGHT = 32;
const columns = 'minmax(140px, 2.2fr) minmax(80px, 1fr) 84px 92px 92px';

export const useListStyles = makeStyles({
  pane: { display: 'flex', flexDirection: 'column', minWidth: 0, minHeight: 0, height: '100%' },
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    ...shorthands.padding(tokens.spacingVerticalS, tokens.spacingHorizontalM),
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  filter: { flexGrow: 1, maxWidth: 'none' },
  banner: { ...shorthands.padding(tokens.spacingVerticalS, tokens.spacingHorizontalM, 0) },
  grid: { display: 'flex', flexDirection: 'column', minHeight: 0 },
  gridFill: { flexGrow: 1 },
  row: {
    display: 'grid',
    gridTemplateColumns: columns,
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    height: `${ROW_HEIGHT}px`,
    boxSizing: 'border-box',
    ...shorthands.padding(0, tokens.spacingHorizontalM),
    fontSize: tokens.fontSizeBase300,
  },
  header: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  body: { flexGrow: 1, minHeight: 0, overflowY: 'auto', position: 'relative' },
  item: {
    position: 'absolute',
    left: 0,
    right: 0,
    cursor: 'pointer',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': {
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '-2px',
    },
  },
  selected: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundSelected },
  },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  name: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  danger: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  withIcon: { display: 'flex', alignItems: 'center', gap: '4px', minWidth: 0 },
  area: { display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalM,
    ...shorthands.padding('72px', tokens.spacingHorizontalL, tokens.spacingVerticalXXL),
    color: tokens.colorNeutralForeground2,
    textAlign: 'center',
  },
  summary: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    ...shorthands.padding(tokens.spacingVerticalXS, tokens.spacingHorizontalM),
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
});
