import { useEffect, useRef, useState } from 'react';
import { Heading } from '@digdir/designsystemet-react';
import { useLocation, useOutletContext } from 'react-router';
import type { NetworkView } from '../../lib/api-types';

export type NetworkContext = {
  network: NetworkView;
  /** The location key the network page opened with: tabs opened later take focus. */
  openedWith: string;
};

export function useNetworkContext(): NetworkContext {
  return useOutletContext<NetworkContext>();
}

/** A tab's h2. After switching tabs it takes focus, so the reading position moves to the new tab. */
export function TabHeading({ title }: { title: string }) {
  const { openedWith } = useNetworkContext();
  const { key } = useLocation();
  const ref = useRef<HTMLHeadingElement>(null);
  const [focusOnMount] = useState(() => key !== 'default' && key !== openedWith);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    <Heading level={2} data-size="sm" ref={ref} tabIndex={-1} className="page-heading">
      {title}
    </Heading>
  );
}
