import LocalOfferIcon from '@mui/icons-material/LocalOffer';
import { TagCreate, TagEdit } from './TagForm';
import { TagList } from './TagList';

export default {
  list: TagList,
  edit: TagEdit,
  create: TagCreate,
  icon: LocalOfferIcon,
  recordRepresentation: 'name',
};
