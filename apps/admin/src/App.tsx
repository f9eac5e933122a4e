import { AdminContext, AdminUI, CustomRoutes, Resource, localStorageStore } from 'react-admin';
import { Route } from 'react-router-dom';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { AppLayout } from './layout/AppLayout';
import { DirectionProvider } from './layout/DirectionProvider';
import { LoginPage } from './layout/LoginPage';
import statements from './statements';
import actors from './actors';
import sources from './sources';
import topics from './topics';
import tags from './tags';
import events from './events';
import users from './users';
import audit from './audit';
import { PositionsBoard } from './positions/PositionsBoard';

const store = localStorageStore(undefined, 'stance');

// <Admin> split in two so that the theme and the emotion cache can follow the
// chosen locale, which only exists inside the admin context.
export const App = () => (
  <AdminContext dataProvider={dataProvider} authProvider={authProvider} i18nProvider={i18nProvider} store={store}>
    <DirectionProvider>
      <AdminUI title="Stance" loginPage={LoginPage} layout={AppLayout} disableTelemetry>
        {(permissions) => (
          <>
            <Resource name="statements" {...statements} />
            <Resource name="actors" {...actors} />
            <Resource name="sources" {...sources} />
            <Resource name="topics" {...topics} />
            <Resource name="tags" {...tags} />
            <Resource name="events" {...events} />
            <Resource name="relations" />
            <Resource name="audit" {...audit} />
            {permissions === 'admin' && <Resource name="users" {...users} />}
            <CustomRoutes>
              <Route path="/positions" element={<PositionsBoard />} />
            </CustomRoutes>
          </>
        )}
      </AdminUI>
    </DirectionProvider>
  </AdminContext>
);
