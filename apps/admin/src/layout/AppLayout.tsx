import type { ReactNode } from 'react';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import GridOnIcon from '@mui/icons-material/GridOn';
import PostAddIcon from '@mui/icons-material/PostAdd';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Layout, Menu, usePermissions } from 'react-admin';

const AppMenu = () => {
  const { permissions } = usePermissions();
  const canEdit = permissions === 'editor' || permissions === 'admin';
  return (
    <Menu>
      <Menu.ResourceItem name="statements" />
      {canEdit && <Menu.Item to="/intake/extract" primaryText="intake.menu.extract" leftIcon={<PostAddIcon />} />}
      {canEdit && <Menu.Item to="/intake/import" primaryText="intake.menu.import" leftIcon={<UploadFileIcon />} />}
      <Menu.Item to="/positions" primaryText="positions.title" leftIcon={<GridOnIcon />} />
      {['actors', 'sources', 'topics', 'tags', 'events', 'users', 'audit'].map((name) => (
        <Menu.ResourceItem key={name} name={name} />
      ))}
      <Menu.Item to="/trash" primaryText="resources.statements.trash.title" leftIcon={<DeleteOutlineIcon />} />
    </Menu>
  );
};

export const AppLayout = ({ children }: { children: ReactNode }) => <Layout menu={AppMenu}>{children}</Layout>;
