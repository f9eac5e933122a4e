import GroupsIcon from '@mui/icons-material/Groups';
import { ActorCreate, ActorEdit } from './ActorForm';
import { ActorList } from './ActorList';

export default {
  list: ActorList,
  edit: ActorEdit,
  create: ActorCreate,
  icon: GroupsIcon,
  recordRepresentation: 'name',
};
