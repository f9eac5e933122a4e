import ArticleIcon from '@mui/icons-material/Article';
import { SourceCreate, SourceEdit } from './SourceForm';
import { SourceList } from './SourceList';

export default {
  list: SourceList,
  edit: SourceEdit,
  create: SourceCreate,
  icon: ArticleIcon,
  recordRepresentation: 'title',
};
