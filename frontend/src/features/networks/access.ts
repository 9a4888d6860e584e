import type { NetworkView, SiteRole } from '../../lib/api-types';

/**
 * Who may read a network's forum: anyone logged in when the network is open,
 * else its members and the site's administrators (the server's rule; the
 * NetworkView has no permission for it, and viewMembers is not the same thing).
 */
export function canReadForum(n: Pick<NetworkView, 'visibility' | 'myRole'>, siteRole: SiteRole | undefined): boolean {
  return n.visibility === 'open' || n.myRole !== undefined || siteRole === 'admin';
}
