import { Fragment, useRef, useState } from 'react';
import { Alert, Button, Field, Label, Paragraph, Select, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useAuth } from '../../../app/auth';
import { Loading } from '../../../components/Loading';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeading } from '../../../components/PageHeading';
import { errorMessage } from '../../../i18n/errors';
import { OUTBOX_STATUSES, isOutboxStatus, type OutboxMessage, type OutboxStatus } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/format';
import { useOutbox } from '../api';

const KINDS = { 'network.invitation': 'network.invitation' } as const;
const kindLabel = (t: TFunction, kind: string) => {
  const key = KINDS[kind as keyof typeof KINDS];
  return key ? t(`outbox.kinds.${key}`) : kind;
};
const STATUS_COLOR = { stored: 'info', queued: 'neutral', sending: 'neutral', sent: 'success', failed: 'danger' } as const;

export default function OutboxPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (user?.siteRole !== 'admin') {
    return (
      <div className="page page--narrow">
        <PageHeading title={t('outbox.title')} />
        <Alert data-color="info">{t('errors.mail.admin_only')}</Alert>
      </div>
    );
  }
  return <Outbox />;
}

function Outbox() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OutboxStatus | undefined>(undefined);
  const [open, setOpen] = useState<string | null>(null);
  const outbox = useOutbox(status);
  const listRef = useRef<HTMLTableSectionElement>(null);
  const messages = outbox.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="page">
      <PageHeading title={t('outbox.title')} />
      <Paragraph>{t('outbox.intro')}</Paragraph>
      <Field className="filters__single">
        <Label>{t('outbox.status')}</Label>
        <Select
          value={status ?? ''}
          onChange={(e) => setStatus(isOutboxStatus(e.target.value) ? e.target.value : undefined)}
        >
          <Select.Option value="">{t('outbox.allStatuses')}</Select.Option>
          {OUTBOX_STATUSES.map((s) => (
            <Select.Option key={s} value={s}>
              {t(`outbox.statusLabel.${s}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <p role="status" className="results__status">
        {outbox.isSuccess &&
          (messages.length === 0
            ? t('outbox.empty')
            : t('outbox.shown', { count: messages.length }) + (outbox.hasNextPage ? ` ${t('outbox.more')}` : ''))}
      </p>
      {outbox.isPending && <Loading />}
      {outbox.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(t, outbox.error)}
        </Alert>
      )}
      {messages.length > 0 && (
        <div className="table-scroll">
          <Table data-size="sm" className="outbox__table">
            <caption className="ds-sr-only">{t('outbox.caption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('outbox.to')}</Table.HeaderCell>
                <Table.HeaderCell>{t('outbox.subject')}</Table.HeaderCell>
                <Table.HeaderCell>{t('outbox.kind')}</Table.HeaderCell>
                <Table.HeaderCell>{t('outbox.status')}</Table.HeaderCell>
                <Table.HeaderCell>{t('outbox.created')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body ref={listRef}>
              {messages.map((m) => (
                <MessageRows key={m.id} message={m} open={open === m.id} onToggle={() => setOpen(open === m.id ? null : m.id)} />
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <LoadMore
        hasNextPage={outbox.hasNextPage}
        isFetchingNextPage={outbox.isFetchingNextPage}
        fetchNextPage={() => outbox.fetchNextPage()}
        count={messages.length}
        listRef={listRef}
        itemSelector=".outbox__row"
      />
    </div>
  );
}

function MessageRows({ message: m, open, onToggle }: { message: OutboxMessage; open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const detailId = `outbox-${m.id}`;
  return (
    <Fragment>
      <Table.Row className="outbox__row">
        <Table.Cell>{m.to}</Table.Cell>
        <Table.Cell>
          <Button
            variant="tertiary"
            data-size="sm"
            aria-expanded={open}
            aria-controls={detailId}
            onClick={onToggle}
            className="outbox__toggle"
          >
            {m.subject}
          </Button>
        </Table.Cell>
        <Table.Cell>{kindLabel(t, m.kind)}</Table.Cell>
        <Table.Cell>
          <Tag data-color={STATUS_COLOR[m.status]} data-size="sm">
            {t(`outbox.statusLabel.${m.status}`)}
          </Tag>
        </Table.Cell>
        <Table.Cell>{formatDateTime(m.createdAt)}</Table.Cell>
      </Table.Row>
      <Table.Row id={detailId} hidden={!open} className="outbox__detail">
        <Table.Cell colSpan={5}>
          {open && (
            <div className="outbox__message">
              <dl className="facts">
                <dt>{t('outbox.to')}</dt>
                <dd>{m.to}</dd>
                <dt>{t('outbox.subject')}</dt>
                <dd>{m.subject}</dd>
                <dt>{t('outbox.attempts')}</dt>
                <dd>{m.attempts}</dd>
                {m.sentAt && (
                  <>
                    <dt>{t('outbox.sentAt')}</dt>
                    <dd>{formatDateTime(m.sentAt)}</dd>
                  </>
                )}
                {m.lastError && (
                  <>
                    <dt>{t('outbox.lastError')}</dt>
                    <dd>{m.lastError}</dd>
                  </>
                )}
              </dl>
              <pre className="mail-text">{m.text}</pre>
            </div>
          )}
        </Table.Cell>
      </Table.Row>
    </Fragment>
  );
}
