import { useEffect, useImperativeHandle, useRef, useState, type FormEvent, type Ref } from 'react';
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { errorMessage, fieldErrorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import { MAX_POST_LENGTH, type Post, type PostItem } from '../../../lib/api-types';
import { useReply } from '../api';
import { attachmentProblem, draftAttachments, fromIds, idsOf, type Chosen } from '../attachments';
import { FORUM_NS } from '../i18n';
import { appendQuote, escapeMarkdown, quoteMarkdown, textLength } from '../markdown';
import { useDraft } from '../useDraft';
import { AttachmentField } from './AttachmentField';
import { DraftStatus } from './DraftStatus';
import { MarkdownEditor, type EditorHandle } from './MarkdownEditor';

export type ComposerHandle = {
  /** Adds a quote of the post to the reply and moves there. */
  quote: (post: PostItem) => void;
};

/** The post a reply quotes: its name and number once known (a restored draft has only the id). */
type Quoted = { id: string; name?: string; number?: number };

/** Who wrote the quoted post, and its number: known when quoted here, else looked up among the posts shown. */
function nameQuote(q: Quoted | null, findPost: Props['findPost']): { name: string; number: number } | undefined {
  if (!q) return undefined;
  if (q.name !== undefined && q.number !== undefined) return { name: q.name, number: q.number };
  const p = findPost?.(q.id);
  return p && { name: p.authorName, number: p.number };
}

type Props = {
  threadId: string;
  networkSlug: string;
  /** A post on the page, by id: names the post a restored draft quotes. */
  findPost?: (id: string) => Pick<Post, 'id' | 'authorName' | 'number'> | undefined;
  /** Called with the new post once it is made. */
  onPosted: (post: PostItem) => void;
  ref?: Ref<ComposerHandle>;
};

/**
 * The reply at the end of a thread. What is typed is saved as a server-side
 * draft a second after typing stops, and comes back after a reload, on another
 * device, or after a failed post (the text also stays in the field), with the
 * post it quotes.
 */
export function ReplyComposer({ threadId, networkSlug, findPost, onPosted, ref }: Props) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const [body, setBody] = useState('');
  const [quoted, setQuoted] = useState<Quoted | null>(null);
  const [attachments, setAttachments] = useState<Chosen[]>([]);
  const [clientError, setClientError] = useState('');
  const [restored, setRestored] = useState<string | null>(null);
  const [discardOpen, setDiscardOpen] = useState(false);
  const editor = useRef<EditorHandle>(null);
  const touched = useRef(false);
  const draft = useDraft(`thread:${threadId}`, true);
  const reply = useReply(threadId);
  const serverField =
    isApiError(reply.error) && reply.error.code === 'validation.failed' ? reply.error.fieldError('body') : undefined;
  const bodyError = clientError || (serverField ? fieldErrorMessage(tc, serverField) : undefined);
  const attachmentError = attachmentProblem(t, tc, reply.error, reply.variables?.attachments ?? []);
  const toDraft = (text: string, quote: Quoted | null, chosen: Chosen[]) => ({
    body: text,
    ...(quote ? { quotedPostId: quote.id } : {}),
    ...draftAttachments(chosen),
  });

  // The saved draft comes back once, unless something has been typed already.
  const saved = draft.draft;
  useEffect(() => {
    if (!saved || touched.current) return;
    touched.current = true;
    setBody(saved.body);
    setQuoted(saved.quotedPostId ? { id: saved.quotedPostId } : null);
    setAttachments(fromIds(saved.attachments));
    setRestored(saved.updatedAt);
  }, [saved]);

  function change(next: string) {
    touched.current = true;
    setBody(next);
    setClientError('');
    draft.change(toDraft(next, quoted, attachments));
  }

  function unlinkQuote() {
    setQuoted(null);
    draft.change(toDraft(body, null, attachments));
  }

  function changeAttachments(next: Chosen[]) {
    touched.current = true;
    setAttachments(next);
    if (attachmentError) reply.reset();
    draft.change(toDraft(body, quoted, next));
  }

  const quotedPost = nameQuote(quoted, findPost);

  useImperativeHandle(ref, () => ({
    quote: (post: PostItem) => {
      const attribution = t('composer.quoteAttribution', { name: `**${escapeMarkdown(post.authorName)}**` });
      const next = appendQuote(body, quoteMarkdown(attribution, post.bodyHtml));
      touched.current = true;
      setQuoted({ id: post.id, name: post.authorName, number: post.number });
      editor.current?.replace(next);
      draft.change(toDraft(next, { id: post.id }, attachments));
    },
  }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const length = textLength(body.trim());
    const problem = length === 0 ? t('composer.bodyRequired') : length > MAX_POST_LENGTH ? t('composer.bodyTooLong') : '';
    setClientError(problem);
    if (problem) {
      editor.current?.focus();
      return;
    }
    // A save still under way must not land after the post (the server deletes the draft then).
    await draft.settle();
    reply.mutate(
      { body, quotedPostId: quoted?.id, attachments: idsOf(attachments) },
      {
        onSuccess: (post) => {
          draft.posted();
          setBody('');
          setQuoted(null);
          setAttachments([]);
          setRestored(null);
          onPosted(post);
        },
        // The text stays here; the draft gets it too, for a reload or another device.
        onError: () => draft.change(toDraft(body, quoted, attachments)),
      },
    );
  }

  return (
    <section aria-labelledby="reply-title" className="panel composer">
      <Heading level={3} data-size="xs" id="reply-title">
        {t('composer.replyTitle')}
      </Heading>
      {restored && (
        <Alert data-color="info" data-size="sm">
          {t('composer.restored')}
        </Alert>
      )}
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        {quoted && (
          <div className="composer__quoted">
            <Paragraph data-size="sm">
              {quotedPost ? t('composer.quoting', quotedPost) : t('composer.quotingUnknown')}
            </Paragraph>
            <Button type="button" variant="tertiary" data-size="sm" onClick={unlinkQuote}>
              {t('composer.unlinkQuote')}
            </Button>
          </div>
        )}
        <MarkdownEditor
          ref={editor}
          id="reply-body"
          label={t('composer.replyLabel')}
          description={t('composer.replyDescription')}
          value={body}
          onChange={change}
          error={bodyError}
          mentionSlug={networkSlug}
        />
        <AttachmentField
          id="reply-attachments"
          networkSlug={networkSlug}
          value={attachments}
          onChange={changeAttachments}
          error={attachmentError?.message}
          itemErrors={attachmentError?.items}
        />
        {reply.error && !serverField && (
          <Alert data-color="danger" role="alert">
            {attachmentError ? attachmentError.message : errorMessage(tc, reply.error)} {t('composer.keptText')}
          </Alert>
        )}
        <div className="actions">
          <Button type="submit" loading={reply.isPending}>
            {reply.isPending ? t('composer.posting') : t('composer.post')}
          </Button>
          {(body.trim() !== '' || attachments.length > 0 || draft.savedAt) && (
            <Button type="button" variant="tertiary" aria-haspopup="dialog" onClick={() => setDiscardOpen(true)}>
              {t('composer.discard')}
            </Button>
          )}
          <DraftStatus state={draft.state} savedAt={draft.savedAt} />
        </div>
      </form>
      <ConfirmDialog
        open={discardOpen}
        onClose={() => setDiscardOpen(false)}
        onConfirm={() => {
          setDiscardOpen(false);
          setBody('');
          setQuoted(null);
          setAttachments([]);
          setRestored(null);
          void draft.discard();
          editor.current?.focus();
        }}
        title={t('composer.discardTitle')}
        confirmLabel={t('composer.discardConfirm')}
      >
        {t('composer.discardBody')}
      </ConfirmDialog>
    </section>
  );
}
