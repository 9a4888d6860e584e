import { useRef } from 'react';
import { Alert, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Loading } from '../../../components/Loading';
import { LoadMore } from '../../../components/LoadMore';
import { errorMessage } from '../../../i18n/errors';
import { isFlagReason, type AuditEntry, type NetworkView } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/format';
import { useAudit } from '../api';
import { NoAccess } from '../components/NoAccess';
import { TabHeading, useNetworkContext } from '../context';
import { roleLabel } from '../labels';

const ACTIONS = {
  'network.created': 'network.created',
  'network.updated': 'network.updated',
  'member.joined': 'member.joined',
  'member.left': 'member.left',
  'member.removed': 'member.removed',
  'member.role_changed': 'member.role_changed',
  'request.created': 'request.created',
  'request.approved': 'request.approved',
  'request.declined': 'request.declined',
  'invitation.sent': 'invitation.sent',
  'invitation.accepted': 'invitation.accepted',
  'invitation.revoked': 'invitation.revoked',
  'forum.category_created': 'forum.category_created',
  'forum.category_updated': 'forum.category_updated',
  'forum.category_deleted': 'forum.category_deleted',
  'forum.thread_moved': 'forum.thread_moved',
  'forum.thread_pinned': 'forum.thread_pinned',
  'forum.thread_unpinned': 'forum.thread_unpinned',
  'forum.thread_locked': 'forum.thread_locked',
  'forum.thread_unlocked': 'forum.thread_unlocked',
  'forum.post_deleted': 'forum.post_deleted',
  'forum.post_hidden': 'forum.post_hidden',
  'forum.post_shown': 'forum.post_shown',
  'forum.flag_resolved': 'forum.flag_resolved',
  'forum.flag_dismissed': 'forum.flag_dismissed',
} as const;

export function actionLabel(t: TFunction, action: string): string {
  const key = ACTIONS[action as keyof typeof ACTIONS];
  return key ? t(`audit.actions.${key}`) : action;
}

/** Role changes come as "member → moderator": show them in words. */
export function detailText(t: TFunction, e: AuditEntry): string {
  if (!e.detail) return '';
  if (e.action === 'member.role_changed') {
    const [from, to] = e.detail.split('→').map((s) => s.trim());
    if (from && to) return `${roleLabel(t, from)} → ${roleLabel(t, to)}`;
  }
  // A closed report's detail is the reason it was made for.
  if ((e.action === 'forum.flag_resolved' || e.action === 'forum.flag_dismissed') && isFlagReason(e.detail)) {
    return t(`audit.flagReason.${e.detail}`);
  }
  return e.detail;
}

export default function AuditTab() {
  const { network } = useNetworkContext();
  if (!network.permissions.manage) return <NoAccess />;
  return <Audit network={network} />;
}

function Audit({ network }: { network: NetworkView }) {
  const { t } = useTranslation();
  const audit = useAudit(network.slug);
  const listRef = useRef<HTMLTableSectionElement>(null);
  const entries = audit.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="audit">
      <TabHeading title={t('networkPage.tabs.audit')} />
      <Paragraph>{t('audit.intro')}</Paragraph>
      {audit.isPending && <Loading />}
      {audit.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(t, audit.error)}
        </Alert>
      )}
      <p role="status" className="results__status">
        {audit.isSuccess &&
          (entries.length === 0
            ? t('audit.empty')
            : t('audit.shown', { count: entries.length }) + (audit.hasNextPage ? ` ${t('audit.more')}` : ''))}
      </p>
      {entries.length > 0 && (
        <div className="table-scroll">
          <Table data-size="sm" zebra>
            <caption className="ds-sr-only">{t('audit.caption', { name: network.name })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('audit.when')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.who')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.what')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.target')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.detail')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body ref={listRef}>
              {entries.map((e) => (
                <Table.Row key={e.id}>
                  <Table.Cell>{formatDateTime(e.createdAt)}</Table.Cell>
                  <Table.Cell>{e.actorName}</Table.Cell>
                  <Table.Cell>{actionLabel(t, e.action)}</Table.Cell>
                  <Table.Cell>{e.targetName ?? ''}</Table.Cell>
                  <Table.Cell className="pre-wrap">{detailText(t, e)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <LoadMore
        hasNextPage={audit.hasNextPage}
        isFetchingNextPage={audit.isFetchingNextPage}
        fetchNextPage={() => audit.fetchNextPage()}
        count={entries.length}
        listRef={listRef}
      />
    </div>
  );
}
