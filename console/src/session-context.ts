import { createContext, useContext } from 'react';
import type { Session } from './session';

export const SessionContext = createContext<Session | undefined>(undefined);

/** The signed-in person; only used below the sign-in gate, which provides it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in part of the console');
  return session;
}
