import FormatQuoteIcon from '@mui/icons-material/FormatQuote';
import type { RaRecord } from 'react-admin';
import { StatementCreate } from './StatementCreate';
import { StatementEdit } from './StatementEdit';
import { StatementList } from './StatementList';
import { StatementShow } from './StatementShow';

const PREVIEW_LENGTH = 60;

export default {
  list: StatementList,
  create: StatementCreate,
  edit: StatementEdit,
  show: StatementShow,
  icon: FormatQuoteIcon,
  recordRepresentation: ({ text }: RaRecord) => (text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text),
};
