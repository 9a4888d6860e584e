import '../attachments.css';
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  Fieldset,
  Heading,
  Paragraph,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading';
import { errorMessage } from '../../../i18n/errors';
import { MAX_ATTACHMENTS, type ResourceItem } from '../../../lib/api-types';
import { kindLabel } from '../../library/format';
import { LIBRARY_NS } from '../../library/i18n';
import { useAttachable, useAttachmentInfo } from '../api';
import { fromResource, type Chosen } from '../attachments';
import { FORUM_NS } from '../i18n';

type Props = {
  /** The id of the button that opens the picker: where an error summary's link goes. */
  id: string;
  networkSlug: string;
  value: Chosen[];
  onChange: (next: Chosen[]) => void;
  /** What is wrong with the attachments as a whole, already translated. */
  error?: string;
  /** What is wrong with single resources, by id. */
  itemErrors?: Record<string, string>;
};

/**
 * "Legg ved fra biblioteket": resources of the network's library attached to a
 * post. The chosen ones show as a list, each with a button that removes it; the
 * button under the list opens a dialog that lists the library by title, with a
 * filter, where up to ten are chosen with checkboxes (Tab and Space).
 */
export function AttachmentField({ id, networkSlug, value, onChange, error, itemErrors = {} }: Props) {
  const { t } = useTranslation(FORUM_NS);
  const labelId = useId();
  const descriptionId = useId();
  const errorId = useId();
  const [open, setOpen] = useState(false);
  const [announce, setAnnounce] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);

  function remove(index: number, title: string) {
    const next = value.filter((_, i) => i !== index);
    onChange(next);
    setAnnounce(title ? t('attachments.removed', { title }) : t('attachments.removedUnknown'));
    // Focus goes to the next resource's button, else the one before, else the picker's button.
    requestAnimationFrame(() => {
      const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button.attachment-chosen__remove') ?? [];
      const target = buttons[Math.min(index, buttons.length - 1)] ?? openRef.current;
      target?.focus();
    });
  }

  return (
    <div className="attachment-field">
      <p className="attachment-field__label" id={labelId}>
        {t('attachments.label')}
      </p>
      <p className="attachment-field__description muted small" id={descriptionId}>
        {t('attachments.description', { max: MAX_ATTACHMENTS })}
      </p>
      {value.length > 0 && (
        <ul className="attachment-chosen" aria-labelledby={labelId} ref={listRef}>
          {value.map((a, i) => (
            <ChosenItem key={a.id} attachment={a} error={itemErrors[a.id]} onRemove={(title) => remove(i, title)} />
          ))}
        </ul>
      )}
      <div className="attachment-field__open">
        <Button
          ref={openRef}
          id={id}
          type="button"
          variant="secondary"
          data-size="sm"
          aria-haspopup="dialog"
          aria-describedby={[descriptionId, error ? errorId : ''].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          onClick={() => setOpen(true)}
        >
          {t('attachments.open')}
        </Button>
        {value.length > 0 && (
          <span className="muted small">{t('attachments.count', { count: value.length, max: MAX_ATTACHMENTS })}</span>
        )}
      </div>
      {error && <ValidationMessage id={errorId}>{error}</ValidationMessage>}
      <p role="status" className="ds-sr-only">
        {announce}
      </p>
      {open &&
        createPortal(
          <AttachmentDialog
            networkSlug={networkSlug}
            value={value}
            onChange={(next) => {
              onChange(next);
              setAnnounce('');
            }}
            onClose={() => {
              setOpen(false);
              requestAnimationFrame(() => openRef.current?.focus());
            }}
          />,
          document.body,
        )}
    </div>
  );
}

/** A chosen resource: its title, kind and file, and a button that removes it. */
function ChosenItem({ attachment: a, error, onRemove }: { attachment: Chosen; error?: string; onRemove: (title: string) => void }) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tl } = useTranslation(LIBRARY_NS);
  const errorId = useId();
  // A draft brings back ids only: the title is fetched.
  const info = useAttachmentInfo(a.id, !a.title);
  const title = a.title || info.data?.title || '';
  const kind = a.kind || info.data?.kind || '';
  const fileName = a.title ? a.fileName : info.data?.file?.fileName;
  const gone = !a.title && info.isError;
  return (
    <li className={error || gone ? 'attachment-chosen__item attachment-chosen__item--invalid' : 'attachment-chosen__item'}>
      <div className="attachment-chosen__text">
        <span className="attachment-chosen__title">
          {title || (gone ? t('attachments.gone') : t('attachments.loading'))}
        </span>
        {(kind || fileName) && (
          <span className="muted small">
            {[kind && kindLabel(tl, kind), fileName].filter(Boolean).join(' · ')}
          </span>
        )}
        {error && (
          <ValidationMessage id={errorId} data-size="sm">
            {error}
          </ValidationMessage>
        )}
      </div>
      <Button
        type="button"
        variant="tertiary"
        data-size="sm"
        className="attachment-chosen__remove"
        aria-label={title ? t('attachments.removeLabel', { title }) : t('attachments.removeUnknown')}
        aria-describedby={error ? errorId : undefined}
        onClick={() => onRemove(title)}
      >
        {t('attachments.remove')}
      </Button>
    </li>
  );
}

type DialogProps = {
  networkSlug: string;
  value: Chosen[];
  onChange: (next: Chosen[]) => void;
  onClose: () => void;
};

/** The network's library by title, filtered by what is typed, with a checkbox for each resource. */
function AttachmentDialog({ networkSlug, value, onChange, onClose }: DialogProps) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const { t: tl } = useTranslation(LIBRARY_NS);
  const titleId = useId();
  const [query, setQuery] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const list = useAttachable(networkSlug, true);
  const loaded = list.data?.pages.flatMap((p) => p.items) ?? [];
  const needle = query.trim().toLocaleLowerCase('nb');
  const shown = needle ? loaded.filter((r) => r.title.toLocaleLowerCase('nb').includes(needle)) : loaded;
  const chosen = new Set(value.map((a) => a.id));
  const full = value.length >= MAX_ATTACHMENTS;

  // The filter is where one starts.
  useEffect(() => {
    const frame = requestAnimationFrame(() => searchRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);

  function toggle(r: ResourceItem, on: boolean) {
    if (on && (chosen.has(r.id) || full)) return;
    onChange(on ? [...value, fromResource(r)] : value.filter((a) => a.id !== r.id));
  }

  async function more() {
    const from = shown.length;
    await list.fetchNextPage();
    // Focus goes to the first new resource that passes the filter, if there is one.
    requestAnimationFrame(() => listRef.current?.querySelectorAll<HTMLInputElement>('input')[from]?.focus());
  }

  let status = '';
  if (list.isSuccess) {
    if (loaded.length === 0) status = t('attachments.libraryEmpty');
    else if (needle) status = t('attachments.matches', { count: shown.length, loaded: loaded.length });
    else status = t('attachments.showing', { count: loaded.length });
    if (list.hasNextPage) status += ` ${t('attachments.more')}`;
  }

  return (
    <Dialog open onClose={onClose} closeButton={tc('common.closeDialog')} aria-labelledby={titleId} className="attachment-dialog">
      <Dialog.Block className="dialog-body attachment-picker">
        <Heading level={2} data-size="xs" id={titleId}>
          {t('attachments.dialogTitle')}
        </Heading>
        <Paragraph data-size="sm">{t('attachments.dialogIntro', { max: MAX_ATTACHMENTS })}</Paragraph>
        <Textfield
          ref={searchRef}
          type="search"
          label={t('attachments.filter')}
          description={t('attachments.filterDescription')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <p role="status" className="small muted attachment-picker__status">
          {status}
        </p>
        {list.isPending && <Loading />}
        {list.isError && (
          <Alert data-color="danger" role="alert">
            {errorMessage(tc, list.error)}
          </Alert>
        )}
        {shown.length > 0 && (
          <Fieldset>
            <Fieldset.Legend className="ds-sr-only">{t('attachments.legend')}</Fieldset.Legend>
            <ul className="attachment-picker__list" ref={listRef}>
              {shown.map((r) => {
                const on = chosen.has(r.id);
                return (
                  <li key={r.id}>
                    <Checkbox
                      label={r.title}
                      description={[kindLabel(tl, r.kind), r.file?.fileName ?? t('attachments.webLink')].join(' · ')}
                      checked={on}
                      disabled={!on && full}
                      onChange={(e) => toggle(r, e.target.checked)}
                    />
                  </li>
                );
              })}
            </ul>
          </Fieldset>
        )}
        <p role="status" className="attachment-picker__chosen small">
          {full
            ? t('attachments.full', { max: MAX_ATTACHMENTS })
            : t('attachments.chosenCount', { count: value.length, max: MAX_ATTACHMENTS })}
        </p>
        <div className="actions">
          {list.hasNextPage && (
            <Button type="button" variant="secondary" loading={list.isFetchingNextPage} onClick={() => void more()}>
              {list.isFetchingNextPage ? tc('common.loadingMore') : tc('common.loadMore')}
            </Button>
          )}
          <Button type="button" onClick={onClose}>
            {t('attachments.done')}
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
