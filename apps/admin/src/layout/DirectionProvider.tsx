import { useEffect, type ReactNode } from 'react';
import { CacheProvider } from '@emotion/react';
import createCache from '@emotion/cache';
import rtlPlugin from 'stylis-plugin-rtl';
import { ThemeProvider, ThemesContext, defaultDarkTheme, defaultLightTheme, useLocaleState } from 'react-admin';

// Separate caches: the RTL one flips every generated rule (margin-left → margin-right…).
const caches = {
  ltr: createCache({ key: 'muiltr' }),
  rtl: createCache({ key: 'muirtl', stylisPlugins: [rtlPlugin] }),
};

const themes = {
  ltr: {
    lightTheme: { ...defaultLightTheme, direction: 'ltr' as const },
    darkTheme: { ...defaultDarkTheme, direction: 'ltr' as const },
  },
  rtl: {
    lightTheme: { ...defaultLightTheme, direction: 'rtl' as const },
    darkTheme: { ...defaultDarkTheme, direction: 'rtl' as const },
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
