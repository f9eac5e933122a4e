import GroupsIcon from '@mui/icons-material/Groups';
import { ActorList } from './ActorList';

export default {
  list: ActorList,
  icon: GroupsIcon,
  recordRepresentation: 'name',
};
