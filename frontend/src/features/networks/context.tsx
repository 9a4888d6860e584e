import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Heading } from '@digdir/designsystemet-react';
import { useLocation, useNavigate, useOutletContext } from 'react-router';
import type { NetworkView } from '../../lib/api-types';

export type NetworkContext = {
  network: NetworkView;
  /** The location key the network page opened with: tabs opened later take focus. */
  openedWith: string;
  /** Names a page inside a tab (e.g. a thread) in the document title; null gives it back to the tab. */
  setSubTitle: (title: string | null) => void;
};

export function useNetworkContext(): NetworkContext {
  return useOutletContext<NetworkContext>();
}

/** Names the page inside its tab (a thread, a resource) in the document title while it is open. */
export function useSubTitle(title: string | undefined) {
  const { setSubTitle } = useNetworkContext();
  useEffect(() => {
    setSubTitle(title ?? null);
    return () => setSubTitle(null);
  }, [title, setSubTitle]);
}

/**
 * Puts the address right once the page knows where its content lives (a thread
 * opened under another network, or with an old slug): `canonical` replaces
 * `current` when they differ, keeping `hash`. True while it does.
 */
export function useCanonicalPath(canonical: string | undefined, current: string, hash = ''): boolean {
  const navigate = useNavigate();
  const wrong = canonical !== undefined && canonical !== current;
  useEffect(() => {
    if (wrong) navigate(canonical + hash, { replace: true });
  }, [wrong, canonical, hash, navigate]);
  return wrong;
}

/** True when this page was opened by moving inside the app, after the network page itself. */
export function useOpenedInApp(): boolean {
  const { openedWith } = useNetworkContext();
  const { key } = useLocation();
  const [inApp] = useState(() => key !== 'default' && key !== openedWith);
  return inApp;
}

/**
 * A tab's h2. After switching tabs it takes focus, so the reading position moves
 * to the new tab (unless `focus` is false: the page moves it elsewhere itself).
 */
export function TabHeading({ title, children, focus = true }: { title: string; children?: ReactNode; focus?: boolean }) {
  const inApp = useOpenedInApp();
  const ref = useRef<HTMLHeadingElement>(null);
  const [focusOnMount] = useState(() => inApp && focus);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    <Heading level={2} data-size="sm" ref={ref} tabIndex={-1} className="page-heading">
      {children ?? title}
    </Heading>
  );
}
