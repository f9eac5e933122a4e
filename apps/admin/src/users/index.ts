import PeopleIcon from '@mui/icons-material/ManageAccounts';
import { UserCreate, UserEdit, UserList } from './UserViews';

export default {
  list: UserList,
  edit: UserEdit,
  create: UserCreate,
  icon: PeopleIcon,
  recordRepresentation: 'email',
};
