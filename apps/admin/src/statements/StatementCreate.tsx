import { Create } from 'react-admin';
import { StatementForm, statementPayload } from './StatementForm';

export const StatementCreate = () => (
  <Create transform={statementPayload} redirect="show">
    <StatementForm />
  </Create>
);
