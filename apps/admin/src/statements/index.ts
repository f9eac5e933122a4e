import FormatQuoteIcon from '@mui/icons-material/FormatQuote';
import type { RaRecord } from 'react-admin';
import { StatementList } from './StatementList';

const PREVIEW_LENGTH = 60;

export default {
  list: StatementList,
  icon: FormatQuoteIcon,
  recordRepresentation: ({ text }: RaRecord) => (text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text),
};
