import { AdminContext, AdminUI, Resource, localStorageStore } from 'react-admin';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { DirectionProvider } from './layout/DirectionProvider';
import { LoginPage } from './layout/LoginPage';
import statements from './statements';
import actors from './actors';
import sources from './sources';
import topics from './topics';
import tags from './tags';
import events from './events';

const store = localStorageStore(undefined, 'stance');

// <Admin> split in two so that the theme and the emotion cache can follow the
// chosen locale, which only exists inside the admin context.
export const App = () => (
  <AdminContext dataProvider={dataProvider} authProvider={authProvider} i18nProvider={i18nProvider} store={store}>
    <DirectionProvider>
      <AdminUI title="Stance" loginPage={LoginPage} disableTelemetry>
        <Resource name="statements" {...statements} />
        <Resource name="actors" {...actors} />
        <Resource name="sources" {...sources} />
        <Resource name="topics" {...topics} />
        <Resource name="tags" {...tags} />
        <Resource name="events" {...events} />
      </AdminUI>
    </DirectionProvider>
  </AdminContext>
);
