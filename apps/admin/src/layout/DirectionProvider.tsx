import { useEffect, type ReactNode } from 'react';
import { CacheProvider } from '@emotion/react';
import createCache from '@emotion/cache';
import rtlPlugin from 'stylis-plugin-rtl';
import { ThemeProvider, ThemesContext, defaultDarkTheme, defaultLightTheme, useLocaleState } from 'react-admin';
import { ListPagination } from '../common/ListPagination';

// Separate caches: the RTL one flips every generated rule (margin-left → margin-right…).
const caches = {
  ltr: createCache({ key: 'muiltr' }),
  rtl: createCache({ key: 'muirtl', stylisPlugins: [rtlPlugin] }),
};

type Theme = typeof defaultLightTheme;

/**
 * Text starts where the reading direction starts (MUI's cells say `left`), and the page never
 * grows wider than the window: react-admin's layout is `min-width: fit-content`, so one wide
 * table used to widen the whole page; now wide tables scroll inside their own box.
 */
const withDirection = (theme: Theme, direction: 'ltr' | 'rtl'): Theme => ({
  ...theme,
  direction,
  components: {
    ...theme.components,
    MuiTableCell: {
      ...theme.components?.MuiTableCell,
      styleOverrides: {
        root: ({ ownerState }: { ownerState: { align?: string } }) =>
          !ownerState.align || ownerState.align === 'inherit' || ownerState.align === 'left' ? { textAlign: 'start' } : {},
      },
    },
    RaLayout: {
      styleOverrides: {
        root: {
          minWidth: 0,
          '& .RaLayout-contentWithSidebar': { minWidth: 0 },
          '& .RaLayout-content': { minWidth: 0 },
        },
      },
    },
    RaDataTable: {
      styleOverrides: { root: { '& .RaDataTable-tableWrapper': { overflowX: 'auto' } } },
    },
    // On a phone the language button keeps its icon (and its accessible name) and gives the title its width.
    RaLocalesMenuButton: {
      styleOverrides: {
        root: {
          '@media (max-width: 599.95px)': {
            '& .MuiButton-root': { fontSize: 0, minWidth: 0 },
            '& .MuiButton-startIcon': { margin: 0 },
            '& .MuiButton-endIcon': { display: 'none' },
          },
        },
      },
    },
    // Hidden bulk buttons are out of the tab order too.
    RaBulkActionsToolbar: {
      styleOverrides: { root: { '& .RaBulkActionsToolbar-collapsed': { visibility: 'hidden' } } },
    },
    // Every <List> paginates with ListPagination, which shows a total the API only bounded as "10,000+".
    RaList: {
      defaultProps: { pagination: <ListPagination /> },
      styleOverrides: { root: { '& .RaList-main': { minWidth: 0 } } },
    },
  } as Theme['components'],
});

const themes = {
  ltr: { lightTheme: withDirection(defaultLightTheme, 'ltr'), darkTheme: withDirection(defaultDarkTheme, 'ltr') },
  rtl: { lightTheme: withDirection(defaultLightTheme, 'rtl'), darkTheme: withDirection(defaultDarkTheme, 'rtl') },
};

/** Lays the whole admin out right to left when the chosen locale is written that way. */
export const DirectionProvider = ({ children }: { children: ReactNode }) => {
  const [locale] = useLocaleState();
  const direction = locale === 'ar' ? 'rtl' : 'ltr';

  useEffect(() => {
    document.dir = direction;
    document.documentElement.lang = locale;
  }, [direction, locale]);

  return (
    <CacheProvider value={caches[direction]}>
      <ThemesContext.Provider value={themes[direction]}>
        <ThemeProvider>{children}</ThemeProvider>
      </ThemesContext.Provider>
    </CacheProvider>
  );
};
