import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Heading, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../../components/CopyField';
import { Loading } from '../../../components/Loading';
import { LoadMore } from '../../../components/LoadMore';
import { errorMessage, fieldErrorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import type { Invitation, InviteResult, NetworkView } from '../../../lib/api-types';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useInvitations, useInvite, useRevokeInvitation } from '../api';
import { InviteResultView } from '../components/InviteResultView';
import { NoAccess } from '../components/NoAccess';
import { TabHeading, useNetworkContext } from '../context';

export default function InvitationsTab() {
  const { t } = useTranslation();
  const { network } = useNetworkContext();
  if (!network.permissions.moderate) return <NoAccess />;
  return (
    <div className="invitations">
      <TabHeading title={t('networkPage.tabs.invitations')} />
      <InviteForm network={network} />
      <InvitationList network={network} />
    </div>
  );
}

/** The lines the server could not read as an address: left in the field to be fixed. */
export function invalidLines(result: InviteResult): string {
  return result.problems
    .filter((p) => p.code === 'invalid_email')
    .map((p) => p.input)
    .join('\n');
}

function InviteForm({ network }: { network: NetworkView }) {
  const { t } = useTranslation();
  const [emails, setEmails] = useState('');
  const [clientError, setClientError] = useState('');
  const [result, setResult] = useState<{ value: InviteResult; invalidKept: boolean } | null>(null);
  const invite = useInvite(network.slug);
  const resultRef = useRef<HTMLDivElement>(null);
  // Each new result takes focus once it is on the page: it says what happened line by line.
  useEffect(() => {
    if (result) resultRef.current?.querySelector<HTMLElement>('h3')?.focus();
  }, [result]);
  const serverField =
    isApiError(invite.error) && invite.error.code === 'validation.failed' ? invite.error.fieldError('emails') : undefined;
  const fieldError = clientError || (serverField ? fieldErrorMessage(t, serverField, 'networkFields') : undefined);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!emails.trim()) {
      setClientError(t('networkFields.emails.required'));
      invite.reset();
      return;
    }
    setClientError('');
    invite.mutate(emails, {
      onSuccess: (value) => {
        const rest = invalidLines(value);
        setEmails(rest);
        setResult({ value, invalidKept: rest !== '' });
      },
    });
  }

  return (
    <section aria-labelledby="invite-title" className="panel panel--form">
      <Heading level={3} data-size="xs" id="invite-title">
        {t('invitations.inviteTitle')}
      </Heading>
      <form className="form" noValidate onSubmit={submit}>
        <Textfield
          id="invite-emails"
          multiline
          rows={6}
          label={t('invitations.emails')}
          description={t('invitations.emailsDescription')}
          value={emails}
          onChange={(e) => setEmails(e.target.value)}
          error={fieldError}
          spellCheck={false}
        />
        {invite.error && !serverField && (
          <Alert data-color="danger" role="alert">
            {errorMessage(t, invite.error)}
          </Alert>
        )}
        <div className="actions">
          <Button type="submit" loading={invite.isPending}>
            {invite.isPending ? t('invitations.sending') : t('invitations.send')}
          </Button>
        </div>
      </form>
      <div ref={resultRef}>
        {result && <InviteResultView result={result.value} invalidKept={result.invalidKept} />}
      </div>
    </section>
  );
}

const STATUS_COLOR = { pending: 'info', used: 'success', revoked: 'neutral', expired: 'warning' } as const;

function InvitationList({ network }: { network: NetworkView }) {
  const { t } = useTranslation();
  const invitations = useInvitations(network.slug);
  const revoke = useRevokeInvitation(network.slug);
  const [notice, setNotice] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const items = invitations.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby="invitation-list" className="invitation-list">
      <Heading level={3} data-size="xs" id="invitation-list">
        {t('invitations.listTitle')}
      </Heading>
      <div role="status" className="status">
        {notice && <Alert data-color="success">{notice}</Alert>}
      </div>
      {revoke.error && (
        <Alert data-color="danger" role="alert">
          {errorMessage(t, revoke.error)}
        </Alert>
      )}
      {invitations.isPending && <Loading />}
      {invitations.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(t, invitations.error)}
        </Alert>
      )}
      {invitations.isSuccess && items.length === 0 && <Paragraph>{t('invitations.empty')}</Paragraph>}
      {items.length > 0 && (
        <ul className="plain-list invitation-list__items" ref={listRef}>
          {items.map((inv) => (
            <li key={inv.id}>
              <InvitationItem
                invitation={inv}
                revoking={revoke.isPending && revoke.variables === inv.id}
                onRevoke={() =>
                  revoke.mutate(inv.id, {
                    onSuccess: () => setNotice(t('invitations.revoked', { email: inv.email })),
                  })
                }
              />
            </li>
          ))}
        </ul>
      )}
      <LoadMore
        hasNextPage={invitations.hasNextPage}
        isFetchingNextPage={invitations.isFetchingNextPage}
        fetchNextPage={() => invitations.fetchNextPage()}
        count={items.length}
        listRef={listRef}
      />
    </section>
  );
}

function InvitationItem({
  invitation: inv,
  revoking,
  onRevoke,
}: {
  invitation: Invitation;
  revoking: boolean;
  onRevoke: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="panel invitation-item">
      <div className="invitation-item__head">
        <Heading level={4} data-size="2xs" className="invitation-item__email">
          {inv.email}
        </Heading>
        <Tag data-color={STATUS_COLOR[inv.status]} data-size="sm">
          {t(`invitations.statusLabel.${inv.status}`)}
        </Tag>
      </div>
      <Paragraph data-size="sm">
        {inv.invitedByName
          ? t('invitations.sentBy', { date: formatDateTime(inv.createdAt), name: inv.invitedByName })
          : t('invitations.sent', { date: formatDateTime(inv.createdAt) })}
        {inv.status === 'pending' && ` · ${t('invitations.expires', { date: formatDate(inv.expiresAt) })}`}
        {inv.status === 'expired' && ` · ${t('invitations.expired', { date: formatDate(inv.expiresAt) })}`}
        {inv.usedAt &&
          ` · ${
            inv.usedByName
              ? t('invitations.usedBy', { date: formatDateTime(inv.usedAt), name: inv.usedByName })
              : t('invitations.usedAt', { date: formatDateTime(inv.usedAt) })
          }`}
        {inv.revokedAt && ` · ${t('invitations.revokedAt', { date: formatDateTime(inv.revokedAt) })}`}
      </Paragraph>
      {inv.status === 'pending' && inv.link && (
        <div className="invitation-item__actions">
          <CopyField
            value={inv.link}
            label={t('invitations.linkFor', { email: inv.email })}
            copyLabel={t('invitations.copyFor', { email: inv.email })}
            copiedMessage={t('invitations.copied', { email: inv.email })}
          />
          <Button
            variant="tertiary"
            data-color="danger"
            data-size="sm"
            loading={revoking}
            onClick={onRevoke}
            aria-label={t('invitations.revokeFor', { email: inv.email })}
          >
            {t('invitations.revoke')}
          </Button>
        </div>
      )}
    </div>
  );
}
