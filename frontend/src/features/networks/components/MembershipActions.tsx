import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Dialog, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { errorMessage, fieldErrorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import type { NetworkView } from '../../../lib/api-types';
import { useJoinNetwork, useLeaveNetwork, useRequestToJoin } from '../api';

type Done = 'joined' | 'requested' | 'left' | null;

/**
 * Join, ask to join, the pending state, or leave: which of these shows is decided
 * by the network's permissions and my role/request, as the server reports them.
 */
export function MembershipActions({ network }: { network: NetworkView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [done, setDone] = useState<Done>(null);
  const [requestOpen, setRequestOpen] = useState(false);
  const [leaveOpen, setLeaveOpen] = useState(false);
  const join = useJoinNetwork(network.slug);
  const leave = useLeaveNetwork(network.slug);
  const { permissions: can, myRole, myRequest } = network;

  // After a change the buttons change too, so focus goes to the section's heading,
  // right above the news. In an effect: it runs after the dialog's own effect has
  // closed it (which gives focus back to its button, that may be gone by then).
  const [focusRequests, setFocusRequests] = useState(0);
  const focusHeading = () => setFocusRequests((n) => n + 1);
  useEffect(() => {
    if (focusRequests > 0) headingRef.current?.focus();
  }, [focusRequests]);

  return (
    <section aria-labelledby="membership-title" className="panel membership">
      <Heading level={3} data-size="xs" id="membership-title" ref={headingRef} tabIndex={-1} className="page-heading">
        {t('about.membershipTitle')}
      </Heading>

      {myRole && <Paragraph>{t(`about.memberStatus.${myRole}`)}</Paragraph>}
      {!myRole && myRequest === 'pending' && <Alert data-color="info">{t('about.pending')}</Alert>}
      {!myRole && myRequest === 'declined' && (
        <>
          <Paragraph>{can.request ? t('about.declined') : t('about.declinedNoRetry')}</Paragraph>
          {network.myRequestReason && (
            <div className="declined-reason">
              <Paragraph data-size="sm" className="muted">
                {t('about.declinedReason')}
              </Paragraph>
              <blockquote className="pre-wrap">{network.myRequestReason}</blockquote>
            </div>
          )}
        </>
      )}
      {!myRole && !can.join && !can.request && myRequest !== 'pending' && (
        <Paragraph>{network.visibility === 'closed' ? t('about.closedInfo') : t('about.cannotJoin')}</Paragraph>
      )}
      {!myRole && can.join && <Paragraph>{t('about.joinInfo')}</Paragraph>}
      {!myRole && can.request && myRequest !== 'declined' && <Paragraph>{t('about.requestInfo')}</Paragraph>}

      {join.error && (
        <Alert data-color="danger" role="alert">
          {errorMessage(t, join.error)}
        </Alert>
      )}

      <div className="actions">
        {can.join && (
          <Button
            loading={join.isPending}
            onClick={() =>
              join.mutate(undefined, {
                onSuccess: () => {
                  setDone('joined');
                  focusHeading();
                },
              })
            }
          >
            {join.isPending ? t('about.joining') : t('about.join')}
          </Button>
        )}
        {can.request && (
          <Button onClick={() => setRequestOpen(true)} aria-haspopup="dialog">
            {t('about.request')}
          </Button>
        )}
        {can.leave && (
          <Button variant="secondary" onClick={() => setLeaveOpen(true)} aria-haspopup="dialog">
            {t('about.leave')}
          </Button>
        )}
      </div>

      <div role="status" className="status">
        {done && <Alert data-color="success">{t(`about.done.${done}`)}</Alert>}
      </div>

      <RequestDialog
        network={network}
        open={requestOpen}
        onClose={() => setRequestOpen(false)}
        onSent={() => {
          setRequestOpen(false);
          setDone('requested');
          focusHeading();
        }}
      />
      <ConfirmDialog
        open={leaveOpen}
        onClose={() => {
          setLeaveOpen(false);
          leave.reset();
        }}
        onConfirm={() =>
          leave.mutate(undefined, {
            onSuccess: () => {
              setLeaveOpen(false);
              // A closed network is hidden from non-members: go back to the catalogue.
              if (network.visibility === 'closed') navigate('/nettverk', { replace: true });
              else {
                setDone('left');
                focusHeading();
              }
            },
          })
        }
        title={t('about.leaveTitle', { name: network.name })}
        confirmLabel={t('about.leaveConfirm')}
        pending={leave.isPending}
        error={leave.error ? errorMessage(t, leave.error) : undefined}
      >
        {t('about.leaveBody')}
      </ConfirmDialog>
    </section>
  );
}

/** "Be om å bli med": a short message to the moderators. The draft stays if sending fails. */
function RequestDialog({
  network,
  open,
  onClose,
  onSent,
}: {
  network: NetworkView;
  open: boolean;
  onClose: () => void;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [message, setMessage] = useState('');
  const request = useRequestToJoin(network.slug);
  const fieldError =
    isApiError(request.error) && request.error.code === 'validation.failed'
      ? request.error.fieldError('message')
      : undefined;
  const tooLong = message.trim().length > 1000;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (tooLong) return;
    request.mutate(message.trim(), {
      onSuccess: () => {
        setMessage('');
        onSent();
      },
    });
  }

  return (
    <Dialog
      open={open}
      onClose={() => {
        onClose();
        request.reset();
      }}
      closeButton={t('common.closeDialog')}
      aria-labelledby={titleId}
    >
      <Dialog.Block className="dialog-body">
        <Heading level={2} data-size="xs" id={titleId}>
          {t('about.requestTitle', { name: network.name })}
        </Heading>
        <Paragraph>{t('about.requestIntro')}</Paragraph>
        <form className="form" noValidate onSubmit={submit}>
          <Textfield
            id="request-message"
            multiline
            rows={4}
            label={t('about.requestMessage')}
            description={t('about.requestMessageDescription')}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            error={
              tooLong
                ? t('networkFields.message.too_long')
                : fieldError
                  ? fieldErrorMessage(t, fieldError, 'networkFields')
                  : undefined
            }
          />
          {request.error && !fieldError && (
            <Alert data-color="danger" role="alert">
              {errorMessage(t, request.error)}
            </Alert>
          )}
          <div className="actions">
            <Button type="submit" loading={request.isPending}>
              {request.isPending ? t('about.requestSending') : t('about.requestSend')}
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                onClose();
                request.reset();
              }}
            >
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      </Dialog.Block>
    </Dialog>
  );
}
