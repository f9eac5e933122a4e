import { type ReactNode, Suspense, lazy } from 'react';
import { AdminContext, AdminUI, CustomRoutes, Loading, Resource, localStorageStore } from 'react-admin';
import { Route } from 'react-router-dom';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { TrashList } from './trash/TrashList';
import { TrashShow } from './trash/TrashShow';
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

// Pages outside the resources load their code when first opened.
const PositionsBoard = lazy(() => import('./positions/PositionsBoard').then((module) => ({ default: module.PositionsBoard })));
const ExtractPage = lazy(() => import('./intake').then((module) => ({ default: module.ExtractPage })));
const ImportPage = lazy(() => import('./intake').then((module) => ({ default: module.ImportPage })));
const page = (element: ReactNode) => <Suspense fallback={<Loading />}>{element}</Suspense>;

const store = localStorageStore(undefined, 'stance');

/** Analysts read, filter and export: their resources have no create or edit views (the API would answer 403). */
const forRole = <T extends object>(permissions: unknown, resource: T): T =>
  permissions === 'analyst' ? { ...resource, create: undefined, edit: undefined } : resource;

// <Admin> split in two so that the theme and the emotion cache can follow the
// chosen locale, which only exists inside the admin context.
export const App = () => (
  <AdminContext dataProvider={dataProvider} authProvider={authProvider} i18nProvider={i18nProvider} store={store}>
    <DirectionProvider>
      <AdminUI title="Stance" loginPage={LoginPage} layout={AppLayout} disableTelemetry>
        {(permissions) => (
          <>
            <Resource name="statements" {...forRole(permissions, statements)} />
            <Resource name="actors" {...forRole(permissions, actors)} />
            <Resource name="sources" {...forRole(permissions, sources)} />
            <Resource name="topics" {...forRole(permissions, topics)} />
            <Resource name="tags" {...forRole(permissions, tags)} />
            <Resource name="events" {...forRole(permissions, events)} />
            <Resource name="relations" />
            <Resource name="audit" {...audit} />
            {permissions === 'admin' && <Resource name="users" {...users} />}
            <CustomRoutes>
              <Route path="/positions" element={page(<PositionsBoard />)} />
              <Route path="/trash" element={<TrashList />} />
              <Route path="/trash/:id" element={<TrashShow />} />
              {permissions !== 'analyst' && <Route path="/intake/extract" element={page(<ExtractPage />)} />}
              {permissions !== 'analyst' && <Route path="/intake/import" element={page(<ImportPage />)} />}
            </CustomRoutes>
          </>
        )}
      </AdminUI>
    </DirectionProvider>
  </AdminContext>
);
