import TopicIcon from '@mui/icons-material/Topic';
import { TopicList } from './TopicList';

export default {
  list: TopicList,
  icon: TopicIcon,
  recordRepresentation: 'name',
};
