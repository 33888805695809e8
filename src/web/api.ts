// Thin fetch wrapper for the tongxin API: cookies, JSON, problem+json errors (in the UI's language).
import { readStoredLang } from './i18n';

export interface ProblemFieldError {
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: ProblemFieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get title(): string | undefined {
    return this.problem.title;
  }

  get detail(): string | undefined {
    return this.problem.detail;
  }

  get errors(): ProblemFieldError[] {
    return this.problem.errors ?? [];
  }
}

type UnauthorizedHandler = () => void;

let onUnauthorized: UnauthorizedHandler = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};

/** The auth provider installs a handler that clears the session and routes to /login. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

// A 401 from these is an answer, not an expired session.
const NO_REDIRECT = ['/api/v1/auth/login'];

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    // A list repeats the name (?state=filed&state=assigned), as the server expects.
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, signal } = options;
  // X-Requested-With: the server refuses state changes without it or a JSON body (CSRF guard).
  // Accept-Language: the server words its problems in the language chosen here.
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': readStoredLang() === 'en' ? 'en' : 'zh-CN',
    'X-Requested-With': 'tongxin',
  };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }

  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      headers,
      body: payload,
      credentials: 'include',
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { title: 'Network error', detail: (err as Error).message });
  }

  if (response.status === 401 && !NO_REDIRECT.some((p) => path.startsWith(p))) {
    onUnauthorized();
  }

  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function readProblem(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      const parsed = JSON.parse(text) as Problem & { message?: string; error?: string };
      return {
        ...parsed,
        title: parsed.title ?? parsed.error,
        detail: parsed.detail ?? parsed.message,
        status: parsed.status ?? response.status,
      };
    } catch {
      // not JSON: fall through
    }
  }
  return { title: response.statusText || `HTTP ${response.status}`, status: response.status };
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>(path, { method: 'POST', body, query, signal }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  del: <T = void>(path: string) => request<T>(path, { method: 'DELETE' }),
  upload: <T>(path: string, field: string, file: Blob, fileName: string, query?: Record<string, QueryValue>) => {
    const form = new FormData();
    form.append(field, file, fileName);
    return request<T>(path, { method: 'POST', body: form, query });
  },
};

/**
 * A problem's detail as people read it: the server writes each refused field's path into it
 * ("/content：…", "输入有误：/title 不能为空"), which is for programs (they read errors[]), not for a
 * member of the public reading a toast.
 */
export function readableDetail(err: ApiError): string {
  let text = err.detail || err.title || err.message;
  for (const { path } of err.errors) {
    if (path) for (const sep of ['：', ': ', ' ']) text = text.split(`${path}${sep}`).join('');
  }
  return text;
}

/** The message to show for any thrown value. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return readableDetail(err);
  if (err instanceof Error) return err.message;
  return String(err);
}
