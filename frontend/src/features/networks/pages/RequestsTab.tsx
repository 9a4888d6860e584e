import { useId, useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Card,
  Dialog,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  Textfield,
} from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading';
import { LoadMore } from '../../../components/LoadMore';
import { errorMessage, fieldErrorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import {
  REQUEST_STATUSES,
  isRequestStatus,
  type JoinRequest,
  type NetworkView,
  type RequestStatus,
} from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/format';
import { useDecideRequest, useJoinRequests } from '../api';
import { NoAccess } from '../components/NoAccess';
import { TabHeading, useNetworkContext } from '../context';
import { jobFieldLabel } from '../labels';

export default function RequestsTab() {
  const { network } = useNetworkContext();
  if (!network.permissions.moderate) return <NoAccess />;
  return <Requests network={network} />;
}

function Requests({ network }: { network: NetworkView }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<RequestStatus>('pending');
  const [notice, setNotice] = useState('');
  const [declining, setDeclining] = useState<JoinRequest | null>(null);
  const requests = useJoinRequests(network.slug, status);
  const decide = useDecideRequest(network.slug);
  const listRef = useRef<HTMLUListElement>(null);
  const items = requests.data?.pages.flatMap((p) => p.items) ?? [];

  let summary = '';
  if (requests.isSuccess) {
    summary =
      items.length === 0
        ? t(`requests.empty.${status}`)
        : t(`requests.shown.${status}`, { count: items.length }) +
          (requests.hasNextPage ? ` ${t('requests.more')}` : '');
  }

  return (
    <div className="requests">
      <TabHeading title={t('requests.title')} />
      {network.visibility !== 'on_request' && <Paragraph>{t('requests.notOnRequest')}</Paragraph>}
      <Field className="filters__single">
        <Label>{t('requests.show')}</Label>
        <Select
          value={status}
          onChange={(e) => {
            if (isRequestStatus(e.target.value)) {
              setStatus(e.target.value);
              setNotice('');
            }
          }}
        >
          {REQUEST_STATUSES.map((s) => (
            <Select.Option key={s} value={s}>
              {t(`requests.status.${s}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>

      <p role="status" className="results__status">
        {summary}
      </p>
      <div role="status" className="status">
        {notice && <Alert data-color="success">{notice}</Alert>}
      </div>
      {decide.error && !declining && (
        <Alert data-color="danger" role="alert">
          {errorMessage(t, decide.error)}
        </Alert>
      )}
      {requests.isPending && <Loading />}
      {requests.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(t, requests.error)}
        </Alert>
      )}
      {items.length > 0 && (
        <ul className="plain-list requests__items" ref={listRef}>
          {items.map((r) => (
            <li key={r.id}>
              <RequestCard
                request={r}
                approving={decide.isPending && decide.variables?.requestId === r.id && decide.variables.approve}
                onApprove={() =>
                  decide.mutate(
                    { requestId: r.id, approve: true },
                    { onSuccess: () => setNotice(t('requests.approved', { name: r.profile.name })) },
                  )
                }
                onDecline={() => {
                  decide.reset();
                  setDeclining(r);
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <LoadMore
        hasNextPage={requests.hasNextPage}
        isFetchingNextPage={requests.isFetchingNextPage}
        fetchNextPage={() => requests.fetchNextPage()}
        count={items.length}
        listRef={listRef}
      />
      <DeclineDialog
        key={declining?.id ?? 'none'}
        request={declining}
        pending={decide.isPending}
        error={decide.error}
        onClose={() => {
          setDeclining(null);
          decide.reset();
        }}
        onDecline={(reason) => {
          if (!declining) return;
          const who = declining.profile.name;
          decide.mutate(
            { requestId: declining.id, approve: false, reason },
            {
              onSuccess: () => {
                setDeclining(null);
                setNotice(t('requests.declinedNotice', { name: who }));
              },
            },
          );
        }}
      />
    </div>
  );
}

function RequestCard({
  request: r,
  approving,
  onApprove,
  onDecline,
}: {
  request: JoinRequest;
  approving: boolean;
  onApprove: () => void;
  onDecline: () => void;
}) {
  const { t } = useTranslation();
  const p = r.profile;
  return (
    <Card data-color="neutral">
      <Card.Block>
        <Heading level={3} data-size="xs">
          {p.name}
        </Heading>
        <Paragraph data-size="sm">
          {[p.jobTitle, p.orgName, p.countyName].filter(Boolean).join(' · ')}
          {p.jobField && ` · ${jobFieldLabel(t, p.jobField)}`}
        </Paragraph>
        <dl className="facts">
          <dt>{t('requests.asked')}</dt>
          <dd>{formatDateTime(r.createdAt)}</dd>
          <dt>{t('requests.message')}</dt>
          <dd className="pre-wrap">{r.message || <span className="muted">{t('requests.noMessage')}</span>}</dd>
          {r.decidedAt && (
            <>
              <dt>{t(`requests.decidedAt.${r.status}`)}</dt>
              <dd>
                {r.decidedByName
                  ? t('requests.decidedBy', { date: formatDateTime(r.decidedAt), name: r.decidedByName })
                  : formatDateTime(r.decidedAt)}
              </dd>
            </>
          )}
          {r.status === 'declined' && (
            <>
              <dt>{t('requests.reason')}</dt>
              <dd className="pre-wrap">{r.reason || <span className="muted">{t('requests.noReason')}</span>}</dd>
            </>
          )}
        </dl>
        {r.status === 'pending' && (
          <div className="actions" data-color="accent">
            <Button
              data-size="sm"
              loading={approving}
              onClick={onApprove}
              aria-label={t('requests.approveFor', { name: p.name })}
            >
              {t('requests.approve')}
            </Button>
            <Button
              data-size="sm"
              variant="secondary"
              aria-haspopup="dialog"
              onClick={onDecline}
              aria-label={t('requests.declineFor', { name: p.name })}
            >
              {t('requests.decline')}
            </Button>
          </div>
        )}
      </Card.Block>
    </Card>
  );
}

function DeclineDialog({
  request,
  pending,
  error,
  onClose,
  onDecline,
}: {
  request: JoinRequest | null;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onDecline: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [reason, setReason] = useState('');
  const fieldError =
    isApiError(error) && error.code === 'validation.failed' ? error.fieldError('reason') : undefined;
  const tooLong = reason.trim().length > 1000;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!tooLong) onDecline(reason.trim());
  }

  return (
    <Dialog open={request !== null} onClose={onClose} closeButton={t('common.closeDialog')} aria-labelledby={titleId}>
      <Dialog.Block className="dialog-body">
        <Heading level={2} data-size="xs" id={titleId}>
          {t('requests.declineTitle', { name: request?.profile.name ?? '' })}
        </Heading>
        <form className="form" noValidate onSubmit={submit}>
          <Textfield
            id="decline-reason"
            multiline
            rows={4}
            label={t('requests.declineReason')}
            description={t('requests.declineReasonDescription')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={
              tooLong
                ? t('networkFields.reason.too_long')
                : fieldError
                  ? fieldErrorMessage(t, fieldError, 'networkFields')
                  : undefined
            }
          />
          {Boolean(error) && !fieldError && (
            <Alert data-color="danger" role="alert">
              {errorMessage(t, error)}
            </Alert>
          )}
          <div className="actions">
            <Button type="submit" data-color="danger" loading={pending}>
              {t('requests.declineConfirm')}
            </Button>
            <Button type="button" variant="secondary" onClick={onClose}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      </Dialog.Block>
    </Dialog>
  );
}
