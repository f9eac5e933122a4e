import type { ReactNode } from 'react';
import GridOnIcon from '@mui/icons-material/GridOn';
import { Layout, Menu } from 'react-admin';

const AppMenu = () => (
  <Menu>
    <Menu.ResourceItem name="statements" />
    <Menu.Item to="/positions" primaryText="positions.title" leftIcon={<GridOnIcon />} />
    {['actors', 'sources', 'topics', 'tags', 'events', 'users', 'audit'].map((name) => (
      <Menu.ResourceItem key={name} name={name} />
    ))}
  </Menu>
);

export const AppLayout = ({ children }: { children: ReactNode }) => <Layout menu={AppMenu}>{children}</Layout>;
