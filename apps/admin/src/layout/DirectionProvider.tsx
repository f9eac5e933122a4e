import { useEffect, type ReactNode } from 'react';
import { CacheProvider } from '@emotion/react';
import createCache from '@emotion/cache';
import rtlPlugin from 'stylis-plugin-rtl';
import { ThemeProvider, ThemesContext, defaultDarkTheme, defaultLightTheme, useLocaleState, type RaThemeOptions } from 'react-admin';
import { ListPagination } from '../common/ListPagination';

// Separate caches: the RTL one flips every generated rule (margin-left → margin-right…).
const caches = {
  ltr: createCache({ key: 'muiltr' }),
  rtl: createCache({ key: 'muirtl', stylisPlugins: [rtlPlugin] }),
};

// Every <List> paginates with ListPagination, which shows a total the API only bounded as "10,000+".
const withListPagination = (theme: RaThemeOptions, direction: 'ltr' | 'rtl'): RaThemeOptions => ({
  ...theme,
  direction,
  components: { ...theme.components, RaList: { ...theme.components?.RaList, defaultProps: { pagination: <ListPagination /> } } },
});

const themes = {
  ltr: {
    lightTheme: withListPagination(defaultLightTheme, 'ltr'),
    darkTheme: withListPagination(defaultDarkTheme, 'ltr'),
  },
  rtl: {
    lightTheme: withListPagination(defaultLightTheme, 'rtl'),
    darkTheme: withListPagination(defaultDarkTheme, 'rtl'),
  },
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
