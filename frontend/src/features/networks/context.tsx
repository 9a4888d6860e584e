import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Heading } from '@digdir/designsystemet-react';
import { useLocation, useOutletContext } from 'react-router';
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
