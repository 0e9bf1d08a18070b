import { useCallback, useEffect, useState } from 'react';

/** The console lives under /console/; the gateway answers index.html for any path below it. */
const BASE = '/console/';

function currentPath(): string {
  const path = window.location.pathname;
  return path.startsWith(BASE) ? path.slice(BASE.length).replace(/\/$/, '') : '';
}

/**
 * A two-function router: pages are a handful of fixed paths, so the History API is enough and
 * the bundle stays free of a routing library.
 */
export function useRoute(): { path: string; navigate: (path: string) => void } {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onPop = () => setPath(currentPath());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: string) => {
    window.history.pushState(null, '', `${BASE}${next}`);
    setPath(currentPath());
  }, []);
  return { path, navigate };
}

export const hrefOf = (path: string) => `${BASE}${path}`;
