import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { readToken } from './authProvider';

// Without a session, start on the login page rather than drawing the menu and then
// redirecting. (<AdminUI requireAuth> would do that, but in react-admin 5.15 it loops
// between checkAuth and logout for seconds before the login page appears.)
if (!readToken() && !window.location.hash.startsWith('#/login')) {
  window.history.replaceState(null, '', '#/login');
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
