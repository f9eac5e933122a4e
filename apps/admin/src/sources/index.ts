import ArticleIcon from '@mui/icons-material/Article';
import { SourceList } from './SourceList';

export default {
  list: SourceList,
  icon: ArticleIcon,
  recordRepresentation: 'title',
};
