import GroupsIcon from '@mui/icons-material/Groups';
import { ActorCreate, ActorEdit } from './ActorForm';
import { ActorList } from './ActorList';
import { localNameRepresentation } from '../common/localName';

export default {
  list: ActorList,
  edit: ActorEdit,
  create: ActorCreate,
  icon: GroupsIcon,
  recordRepresentation: localNameRepresentation,
};
