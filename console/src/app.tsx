/**
 * The console's shell: sign-in gate, layout (skip link, navigation, who is signed in), and the
 * routes: queue, case, seller, complaint intake, audit, signals (the kill switch's review list), signal precision, shadow (a candidate rules version beside the live one); /callback completes a sign-in.
 */
import { useEffect, useState } from 'react';
import { Link, NavLink, Navigate, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { permits } from '../../shared/domain/ladder/policy';
import { setApiSession } from './api';
import { AuditSearch } from './pages/audit';
import { CasePage } from './pages/case';
import { ComplaintPage } from './pages/complaint';
import { Queue } from './pages/queue';
import { SellerPage } from './pages/seller';
import { SignalPrecisionPage } from './pages/signal-precision';
import { SignalsPage } from './pages/signals';
import { ShadowPage } from './pages/shadow';
import { usePageTitle } from './page-title';
import type { Session } from './session';
import { completeSignIn, currentSession, signIn, signOut } from './session';
import { SessionContext, useSession } from './session-context';

function Layout() {
  const session = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the content
      </a>
      <header className="top">
        <Link to="/queue" className="brand">
          Offside <span>console</span>
        </Link>
        <nav aria-label="Main">
          <NavLink to="/queue">Queue</NavLink>
          {permits(session.role, 'file-complaint') ? <NavLink to="/complaints/new">Complaint intake</NavLink> : null}
          <NavLink to="/audit">Audit</NavLink>
          <NavLink to="/signals">Signals</NavLink>
          <NavLink to="/signal-precision">Signal precision</NavLink>
          <NavLink to="/shadow">Shadow</NavLink>
        </nav>
        <div className="who">
          Signed in as <strong>{session.user}</strong> ({session.roles.join(', ')})
          <button type="button" className="link-button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

function Message({ title, children }: { title: string; children?: React.ReactNode }) {
  usePageTitle(title);
  return (
    <main id="main" className="narrow message-page">
      <h1>{title}</h1>
      {children}
    </main>
  );
}

/** Everything but /callback: with a session, or off to sign in and back here. */
function SignedIn() {
  const location = useLocation();
  const [session, setSession] = useState<Session | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const here = `${location.pathname}${location.search}`;
  useEffect(() => {
    let live = true;
    currentSession()
      .then(async (found) => {
        if (!live) return;
        if (found) setSession(found);
        else await signIn(here === '/' ? '/queue' : here);
      })
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
    return () => {
      live = false;
    };
    // Sign-in is decided once per page load; navigation inside the console keeps the session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (problem) return <Message title="Could not sign in">{<p role="alert">{problem}</p>}</Message>;
  if (!session) return <Message title="Signing in…" />;
  setApiSession(session.idToken, () => void signIn(`${window.location.pathname}${window.location.search}`));
  return (
    <SessionContext.Provider value={session}>
      <Layout />
    </SessionContext.Provider>
  );
}

function Callback() {
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    completeSignIn()
      .then(({ session, returnTo }) => {
        if (session) void navigate(returnTo, { replace: true });
        else setProblem('The sign-in gave no console role: ask an administrator to add you to the analyst, legal or admin group.');
      })
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  }, [navigate]);
  return problem ? (
    <Message title="Could not sign in">
      <p role="alert">{problem}</p>
      <p>
        <a href="/signin">Sign in again</a>
      </p>
    </Message>
  ) : (
    <Message title="Signing in…" />
  );
}

/** /signin: drops this tab's session and signs in afresh (another user or role). */
function SignInAgain() {
  useEffect(() => {
    void signIn('/queue');
  }, []);
  return <Message title="Signing in…" />;
}

function NotFound() {
  return (
    <div>
      <h1>Not found</h1>
      <p>
        Nothing lives at this address. <Link to="/queue">Back to the queue</Link>.
      </p>
    </div>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/callback" element={<Callback />} />
      <Route path="/signin" element={<SignInAgain />} />
      <Route element={<SignedIn />}>
        <Route index element={<Navigate to="/queue" replace />} />
        <Route path="/queue" element={<Queue />} />
        <Route path="/cases/:caseId" element={<CasePage />} />
        <Route path="/sellers/:sellerId" element={<SellerPage />} />
        <Route path="/complaints/new" element={<ComplaintPage />} />
        <Route path="/audit" element={<AuditSearch />} />
        <Route path="/signals" element={<SignalsPage />} />
        <Route path="/signal-precision" element={<SignalPrecisionPage />} />
        <Route path="/shadow" element={<ShadowPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
