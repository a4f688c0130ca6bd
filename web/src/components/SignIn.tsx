// The sign-in page: name and password, POST /auth/login, and a plain answer when it fails.
import { useState, type FormEvent } from 'react';
import { api, ApiError, setToken } from '../api.ts';
import type { User } from '../types.ts';

interface LoginAnswer {
  token: string;
  expiresAt: string;
  user: User;
}

function loginError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return 'Wrong user name or password. Check both and try again.';
    if (err.status === 429) return 'Too many failed sign-ins from here. Wait 15 minutes, then try again.';
    if (err.status === 400) return 'Enter both your user name and your password.';
    return `Sign-in failed: ${err.message}. Try again in a moment.`;
  }
  return 'Cannot reach the Corvid server. Check that it is running and try again.';
}

/** Shown whenever there is no session; calls `onSignedIn` with the user once the token is stored. */
export function SignIn(props: { notice?: string; onSignedIn: (user: User) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(ev: FormEvent): Promise<void> {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api<LoginAnswer>('POST', '/auth/login', { name: name.trim(), password });
      setToken(answer.token);
      props.onSignedIn(answer.user);
    } catch (err) {
      setError(loginError(err));
      setBusy(false);
    }
  }

  return (
    <main className="signin" id="main">
      <form className="signin-card" onSubmit={(ev) => void submit(ev)} aria-labelledby="signin-title">
        <h1 id="signin-title">
          <span className="brand-mark" aria-hidden="true" /> Sign in to Corvid
        </h1>
        {props.notice && !error ? (
          <p className="notice notice-info" role="status">
            {props.notice}
          </p>
        ) : null}
        {error ? (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        ) : null}
        <label className="field">
          <span>User name</span>
          <input name="username" autoComplete="username" required value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="hint">On first start the administrator’s password is in admin-credentials.txt in the data directory.</p>
      </form>
    </main>
  );
}
