import TopicIcon from '@mui/icons-material/Topic';
import { TopicCreate, TopicEdit } from './TopicForm';
import { TopicList } from './TopicList';
import { localNameRepresentation } from '../common/localName';

export default {
  list: TopicList,
  edit: TopicEdit,
  create: TopicCreate,
  icon: TopicIcon,
  recordRepresentation: localNameRepresentation,
};
