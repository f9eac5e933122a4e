import EventIcon from '@mui/icons-material/Event';
import { EventCreate, EventEdit } from './EventForm';
import { EventList } from './EventList';
import { localNameRepresentation } from '../common/localName';

export default {
  list: EventList,
  edit: EventEdit,
  create: EventCreate,
  icon: EventIcon,
  recordRepresentation: localNameRepresentation,
};
