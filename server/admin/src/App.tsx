import { useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import AdminLayout from './layouts/AdminLayout';
import LoginPage from './pages/login';
import { SECTIONS } from './routes';
import { session } from './api/session';
import { setUnauthorizedHandler } from './api/client';

function RequireLogin({ children }: { children: JSX.Element }) {
  return session.token() ? children : <Navigate to="/login" replace />;
}

/** A 401 anywhere ends the session and returns to the login page. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      session.clear();
      navigate('/login', { replace: true });
    });
  }, [navigate]);
  return null;
}

export default function App() {
  return (
    <BrowserRouter basename="/admin">
      <UnauthorizedRedirect />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireLogin>
              <AdminLayout />
            </RequireLogin>
          }
        >
          {SECTIONS.map((s) => (
            <Route key={s.path} path={s.path} element={<s.page />} />
          ))}
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </BrowserRouter>
  );
}
