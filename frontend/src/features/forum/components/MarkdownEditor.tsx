import { useEffect, useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { Alert, Label, Paragraph, Spinner, Tabs, Textarea, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { MarkdownHelp } from '../../../components/MarkdownHelp';
import { SafeHtml } from '../../../components/SafeHtml';
import { errorMessage } from '../../../i18n/errors';
import { MAX_POST_LENGTH, type MemberItem } from '../../../lib/api-types';
import { formatNumber } from '../../../lib/format';
import { useMentionSearch, usePreview } from '../api';
import { FORUM_NS } from '../i18n';
import { insertMention, mentionQuery, textLength } from '../markdown';

/** The counter shows from here on: near the limit, not all the time. */
const COUNTER_FROM = MAX_POST_LENGTH - 5_000;

export type EditorHandle = {
  focus: () => void;
  /** Sets the text and puts the caret at its end (after a quote is added). */
  replace: (text: string) => void;
};

type Props = {
  id: string;
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  /** What is wrong with the text, already translated. */
  error?: string;
  /** The network whose members @ suggests (and the preview links); no suggestions without it. */
  mentionSlug?: string;
  rows?: number;
  ref?: Ref<EditorHandle>;
};

/**
 * A Markdown text area with "Skriv" and "Forhåndsvis" tabs (the preview is the
 * server's rendering), a short help, a counter near the length limit, and @ to
 * mention a member of the network (the list follows the ARIA combobox pattern:
 * arrows move, Enter or Tab picks, Escape closes).
 */
export function MarkdownEditor({ id, label, description, value, onChange, error, mentionSlug, rows = 8, ref }: Props) {
  const { t } = useTranslation(FORUM_NS);
  const uid = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const [caret, setCaret] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const pendingCaret = useRef<number | null>(null);

  useImperativeHandle(ref, () => ({
    focus: () => {
      setMode('write');
      requestAnimationFrame(() => textareaRef.current?.focus());
    },
    replace: (text: string) => {
      setMode('write');
      onChange(text);
      pendingCaret.current = text.length;
      requestAnimationFrame(() => {
        const el = textareaRef.current;
        if (!el) return;
        el.focus();
        el.setSelectionRange(text.length, text.length);
        el.scrollTop = el.scrollHeight;
      });
    },
  }));

  // After a mention is inserted, the caret goes right after it.
  useEffect(() => {
    const at = pendingCaret.current;
    const el = textareaRef.current;
    if (at === null || !el) return;
    pendingCaret.current = null;
    el.setSelectionRange(at, at);
    setCaret(at);
  }, [value]);

  // The @name being typed, debounced a little before it is looked up.
  const mention = mentionSlug ? mentionQuery(value, caret) : null;
  const typed = mention && mention.start !== dismissedAt ? mention.query : '';
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed), typed ? 200 : 0);
    return () => clearTimeout(timer);
  }, [typed]);
  const search = useMentionSearch(mentionSlug ?? '', query);
  const suggestions: MemberItem[] = typed && query && search.data ? search.data.items : [];
  const open = mention !== null && suggestions.length > 0;
  const activeIndex = Math.min(active, Math.max(0, suggestions.length - 1));
  const listId = `${uid}-mentions`;
  const optionId = (i: number) => `${uid}-mention-${i}`;

  function pick(member: MemberItem) {
    if (!mention) return;
    const next = insertMention(value, mention.start, caret, member.name, member.userId);
    pendingCaret.current = next.caret;
    onChange(next.text);
    setActive(0);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const member = suggestions[activeIndex];
      if (!member) return;
      event.preventDefault();
      pick(member);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setDismissedAt(mention?.start ?? null);
    }
  }

  const length = value.length >= COUNTER_FROM ? textLength(value) : value.length;
  const showCounter = length >= COUNTER_FROM;
  const over = length - MAX_POST_LENGTH;
  const describedBy = [description && `${uid}-desc`, showCounter && `${uid}-count`, error && `${uid}-error`]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="editor">
      <Label htmlFor={id}>{label}</Label>
      {description && (
        <Paragraph data-size="sm" id={`${uid}-desc`} className="editor__description">
          {description}
        </Paragraph>
      )}
      <Tabs value={mode} onChange={(v) => setMode(v === 'preview' ? 'preview' : 'write')} data-size="sm">
        <Tabs.List aria-label={t('editor.modes')}>
          <Tabs.Tab value="write">{t('editor.write')}</Tabs.Tab>
          <Tabs.Tab value="preview">{t('editor.preview')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="write" className="editor__panel">
          <div className="editor__input">
            <Textarea
              id={id}
              ref={textareaRef}
              rows={rows}
              value={value}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy || undefined}
              aria-autocomplete={mentionSlug ? 'list' : undefined}
              aria-controls={open ? listId : undefined}
              aria-activedescendant={open ? optionId(activeIndex) : undefined}
              onChange={(e) => {
                onChange(e.target.value);
                setCaret(e.target.selectionStart);
                setDismissedAt(null);
              }}
              onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
              onKeyDown={onKeyDown}
              onBlur={() => setDismissedAt(mention?.start ?? null)}
            />
            {open && (
              <div role="listbox" id={listId} aria-label={t('editor.mentionList')} className="mention-list">
                {suggestions.map((m, i) => (
                  // The options are picked with the arrow keys from the text area
                  // (aria-activedescendant); the mouse may click them too.
                  // eslint-disable-next-line jsx-a11y/click-events-have-key-events
                  <div
                    key={m.userId}
                    id={optionId(i)}
                    role="option"
                    tabIndex={-1}
                    aria-selected={i === activeIndex}
                    className="mention-list__option"
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => pick(m)}
                  >
                    <span className="mention-list__name">{m.name}</span>{' '}
                    <span className="muted small">{m.orgName}</span>
                  </div>
                ))}
              </div>
            )}
          </div>
          <p role="status" className="ds-sr-only">
            {open ? t('editor.mentionCount', { count: suggestions.length }) : ''}
          </p>
          {showCounter && (
            <p id={`${uid}-count`} className={over > 0 ? 'editor__counter editor__counter--over' : 'editor__counter'}>
              {over > 0
                ? t('editor.over', { count: over, formatted: formatNumber(over) })
                : t('editor.left', { count: -over, formatted: formatNumber(-over) })}
            </p>
          )}
          {error && <ValidationMessage id={`${uid}-error`}>{error}</ValidationMessage>}
        </Tabs.Panel>
        <Tabs.Panel value="preview" className="editor__panel">
          {mode === 'preview' && <Preview body={value} network={mentionSlug} />}
        </Tabs.Panel>
      </Tabs>
      <MarkdownHelp
        extra={
          <>
            <tr>
              <td>
                <code>&gt; {t('editor.help.quoteText')}</code>
              </td>
              <td>{t('editor.help.quote')}</td>
            </tr>
            {mentionSlug && (
              <tr>
                <td>
                  <code>@{t('editor.help.mentionText')}</code>
                </td>
                <td>{t('editor.help.mention')}</td>
              </tr>
            )}
          </>
        }
      />
    </div>
  );
}

/** The server's rendering; with the network, @mentions of its members are links as they will be once posted. */
function Preview({ body, network }: { body: string; network?: string }) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const preview = usePreview(body, network, true);
  if (!body.trim()) return <Paragraph className="muted">{t('editor.nothingToPreview')}</Paragraph>;
  if (preview.isPending) return <Spinner aria-label={t('editor.previewLoading')} data-size="sm" />;
  if (preview.isError)
    return (
      <Alert data-color="danger" role="alert">
        {errorMessage(tc, preview.error)}
      </Alert>
    );
  return (
    <div className="editor__preview" aria-label={t('editor.previewOf')} role="region">
      <SafeHtml html={preview.data} className="post__body" />
    </div>
  );
}
