import { Box } from '@mui/material';
import { LocalesMenuButton, Login, LoginForm, PasswordInput, TextInput, required, useTranslate } from 'react-admin';

/** The API logs in by email, so the form asks for one; the language can be chosen before signing in. */
export const LoginPage = () => {
  const translate = useTranslate();
  return (
    <Login>
      <LoginForm>
        <TextInput
          autoFocus
          source="email"
          type="email"
          autoComplete="email"
          slotProps={{ htmlInput: { dir: 'auto' } }}
          label={translate('ra.auth.email')}
          validate={required()}
        />
        <PasswordInput source="password" autoComplete="current-password" label={translate('ra.auth.password')} validate={required()} />
      </LoginForm>
      <Box sx={{ display: 'flex', justifyContent: 'center', pb: 1 }}>
        <LocalesMenuButton />
      </Box>
    </Login>
  );
};
