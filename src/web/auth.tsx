// Current user, from GET /api/v1/auth/session (null for a visitor), shared through TanStack Query.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setUnauthorizedHandler } from './api';
import type { Role, User } from './types';

export const ME_KEY = ['auth', 'me'] as const;

interface AuthContextValue {
  user: User | null;
  loading: boolean;
  /** Set when the session probe failed (server down, 500). */
  error: unknown;
  retry: () => void;
  /** True after the user logged out here: /login then starts fresh instead of returning to the last page. */
  loggedOut: boolean;
  /** `org`: the committee, needed only when the username exists in several. */
  login: (username: string, password: string, org?: string) => Promise<User>;
  /** Registers a public account (网民) and signs it in. */
  register: (input: { username: string; password: string; displayName: string; org?: string }) => Promise<User>;
  logout: () => Promise<void>;
  /** Works in another committee of the account (a new session for that membership; no password). */
  switchOrg: (orgId: string) => Promise<User>;
  /** Changes the signed-in user's password (the server ends their other sessions). */
  changePassword: (currentPassword: string, newPassword: string) => Promise<User>;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

// The session probe answers a visitor 200 with no user: an anonymous page logs no failed request.
async function fetchMe(): Promise<User | null> {
  return (await api.get<{ user: User | null }>('/api/v1/auth/session')).user;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
  const [loggedOut, setLoggedOut] = useState(false);

  const dropSession = useCallback(() => {
    queryClient.setQueryData(ME_KEY, null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  }, [queryClient]);

  // Any 401 from the API means the session is gone: forget the user, the guard routes to /login.
  useEffect(() => {
    setUnauthorizedHandler(dropSession);
  }, [dropSession]);

  const login = useCallback(
    async (username: string, password: string, org?: string) => {
      const res = await api.post<{ user: User }>('/api/v1/auth/login', { username, password, org });
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, res.user);
      setLoggedOut(false);
      return res.user;
    },
    [queryClient],
  );

  const register = useCallback(
    async (input: { username: string; password: string; displayName: string; org?: string }) => {
      const res = await api.post<{ user: User }>('/api/v1/auth/register', input);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, res.user);
      setLoggedOut(false);
      return res.user;
    },
    [queryClient],
  );

  const switchOrg = useCallback(
    async (orgId: string) => {
      const res = await api.post<{ user: User }>('/api/v1/auth/switch', { orgId });
      // Another membership: its own roles, to-dos and data; nothing of the other committee stays cached.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] || q.queryKey[1] !== ME_KEY[1] });
      queryClient.setQueryData(ME_KEY, res.user);
      return res.user;
    },
    [queryClient],
  );

  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string) => {
      const res = await api.post<{ user: User }>('/api/v1/auth/password', { currentPassword, newPassword });
      queryClient.setQueryData(ME_KEY, res.user);
      return res.user;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout');
    } finally {
      setLoggedOut(true);
      dropSession();
    }
  }, [dropSession]);

  const user = me.data ?? null;
  const value = useMemo<AuthContextValue>(
    () => ({
      user,
      loading: me.isPending,
      error: me.error,
      retry: () => void me.refetch(),
      loggedOut,
      login,
      register,
      logout,
      changePassword,
      switchOrg,
      hasRole: (...roles) => !!user && roles.some((r) => user.roles.includes(r)),
    }),
    [user, me.isPending, me.error, me.refetch, loggedOut, login, register, logout, changePassword, switchOrg],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only for components rendered behind RequireAuth. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
