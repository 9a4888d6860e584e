import { useState, type FormEvent } from 'react';
import { Alert, Button, Details, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { errorMessage, fieldErrorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import type { Category, CategoryInput } from '../../../lib/api-types';
import { formatNumber } from '../../../lib/format';
import { useCreateCategory, useDeleteCategory, useReorderCategories, useUpdateCategory } from '../api';
import { FORUM_NS } from '../i18n';

const MAX_NAME = 80;
const MAX_DESCRIPTION = 1000;

/**
 * The moderators' category list: add, rename and describe, move up and down
 * (by position), and delete a category that has no threads.
 */
export function CategoryManager({ slug, categories }: { slug: string; categories: Category[] }) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Category | null>(null);
  const [notice, setNotice] = useState('');
  const reorder = useReorderCategories(slug);
  const remove = useDeleteCategory(slug);
  const ordered = [...categories].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, 'nb'));

  function move(index: number, by: -1 | 1) {
    const next = [...ordered];
    const [c] = next.splice(index, 1);
    if (!c) return;
    next.splice(index + by, 0, c);
    // Every category gets its place in the new order; only changed ones are sent.
    const changes = next.flatMap((cat, position) =>
      cat.position === position
        ? []
        : [{ id: cat.id, input: { name: cat.name, description: cat.description, position } satisfies CategoryInput }],
    );
    reorder.mutate(changes, {
      onSuccess: () => {
        setNotice(t('categories.moved', { name: c.name, position: index + by + 1 }));
        // Focus stays with the category that moved, on the button that still applies.
        requestAnimationFrame(() => {
          const same = document.getElementById(`category-${c.id}-${by < 0 ? 'up' : 'down'}`);
          const other = document.getElementById(`category-${c.id}-${by < 0 ? 'down' : 'up'}`);
          (same ?? other)?.focus();
        });
      },
    });
  }

  return (
    <Details className="category-manager">
      <Details.Summary>{t('categories.title')}</Details.Summary>
      <Details.Content>
        <div className="category-manager__body">
          <Paragraph data-size="sm">{t('categories.intro')}</Paragraph>
          <p role="status" className="small">
            {notice}
          </p>
          {(reorder.error ?? remove.error) && (
            <Alert data-color="danger" role="alert">
              {errorMessage(tc, reorder.error ?? remove.error)}
            </Alert>
          )}
          <ol className="category-list">
            {ordered.map((c, i) => (
              <li key={c.id} className="category-list__item">
                {editing === c.id ? (
                  <CategoryForm
                    slug={slug}
                    category={c}
                    onDone={(saved) => {
                      setEditing(null);
                      if (saved) setNotice(t('categories.saved', { name: saved.name }));
                    }}
                  />
                ) : (
                  <>
                    <div className="category-list__text">
                      <Heading level={4} data-size="2xs">
                        {c.name}
                      </Heading>
                      {c.description && <Paragraph data-size="sm">{c.description}</Paragraph>}
                      <Paragraph data-size="sm" className="muted">
                        {t('categories.threadCount', { count: c.threadCount, formatted: formatNumber(c.threadCount) })}
                      </Paragraph>
                    </div>
                    <div className="actions category-list__actions">
                      <Button
                        variant="tertiary"
                        data-size="sm"
                        aria-label={t('categories.editFor', { name: c.name })}
                        onClick={() => setEditing(c.id)}
                      >
                        {t('categories.edit')}
                      </Button>
                      {i > 0 && (
                        <Button
                          id={`category-${c.id}-up`}
                          variant="tertiary"
                          data-size="sm"
                          aria-label={t('categories.upFor', { name: c.name })}
                          disabled={reorder.isPending}
                          onClick={() => move(i, -1)}
                        >
                          {t('categories.up')}
                        </Button>
                      )}
                      {i < ordered.length - 1 && (
                        <Button
                          id={`category-${c.id}-down`}
                          variant="tertiary"
                          data-size="sm"
                          aria-label={t('categories.downFor', { name: c.name })}
                          disabled={reorder.isPending}
                          onClick={() => move(i, 1)}
                        >
                          {t('categories.down')}
                        </Button>
                      )}
                      {c.threadCount === 0 && (
                        <Button
                          variant="tertiary"
                          data-color="danger"
                          data-size="sm"
                          aria-haspopup="dialog"
                          aria-label={t('categories.deleteFor', { name: c.name })}
                          onClick={() => {
                            remove.reset();
                            setDeleting(c);
                          }}
                        >
                          {t('categories.delete')}
                        </Button>
                      )}
                    </div>
                  </>
                )}
              </li>
            ))}
          </ol>
          {ordered.some((c) => c.threadCount > 0) && (
            <Paragraph data-size="sm" className="muted">
              {t('categories.onlyEmpty')}
            </Paragraph>
          )}
          <CategoryForm
            slug={slug}
            onDone={(saved) => {
              if (saved) setNotice(t('categories.created', { name: saved.name }));
            }}
          />
        </div>
      </Details.Content>
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          const c = deleting;
          if (!c) return;
          remove.mutate(c.id, {
            onSuccess: () => {
              setDeleting(null);
              setNotice(t('categories.deleted', { name: c.name }));
            },
          });
        }}
        title={t('categories.deleteTitle', { name: deleting?.name ?? '' })}
        confirmLabel={t('categories.deleteConfirm')}
        pending={remove.isPending}
        error={remove.error ? errorMessage(tc, remove.error) : undefined}
      >
        {t('categories.deleteBody')}
      </ConfirmDialog>
    </Details>
  );
}

/** Adds a category (no `category`), or changes one. */
function CategoryForm({
  slug,
  category,
  onDone,
}: {
  slug: string;
  category?: Category;
  onDone: (saved: Category | null) => void;
}) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const [name, setName] = useState(category?.name ?? '');
  const [description, setDescription] = useState(category?.description ?? '');
  const [clientErrors, setClientErrors] = useState<{ name?: string; description?: string }>({});
  const create = useCreateCategory(slug);
  const update = useUpdateCategory(slug);
  const mutation = category ? update : create;
  const idBase = category ? `category-${category.id}` : 'category-new';
  const fieldErr = (field: 'name' | 'description') => {
    const e = mutation.error;
    const fe = isApiError(e) && e.code === 'validation.failed' ? e.fieldError(field) : undefined;
    return clientErrors[field] ?? (fe ? fieldErrorMessage(tc, fe) : undefined);
  };
  const placed = isApiError(mutation.error) && mutation.error.code === 'validation.failed';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: typeof clientErrors = {};
    if (!name.trim()) errors.name = t('categories.nameRequired');
    else if (name.trim().length > MAX_NAME) errors.name = t('categories.nameTooLong');
    if (description.trim().length > MAX_DESCRIPTION) errors.description = t('categories.descriptionTooLong');
    setClientErrors(errors);
    if (errors.name || errors.description) return;
    const input: CategoryInput = { name: name.trim(), description: description.trim() };
    const done = (saved: Category) => {
      if (!category) {
        setName('');
        setDescription('');
      }
      onDone(saved);
    };
    if (category) update.mutate({ id: category.id, input: { ...input, position: category.position } }, { onSuccess: done });
    else create.mutate(input, { onSuccess: done });
  }

  return (
    <form className="form category-form" noValidate onSubmit={submit} aria-labelledby={`${idBase}-title`}>
      <Heading level={4} data-size="2xs" id={`${idBase}-title`}>
        {category ? t('categories.editTitle', { name: category.name }) : t('categories.newTitle')}
      </Heading>
      <Textfield
        id={`${idBase}-name`}
        label={t('categories.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fieldErr('name')}
      />
      <Textfield
        id={`${idBase}-description`}
        label={t('categories.description')}
        multiline
        rows={2}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={fieldErr('description')}
      />
      {mutation.error && !placed && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, mutation.error)}
        </Alert>
      )}
      <div className="actions">
        <Button type="submit" data-size="sm" loading={mutation.isPending}>
          {category ? t('categories.save') : t('categories.add')}
        </Button>
        {category && (
          <Button type="button" variant="secondary" data-size="sm" onClick={() => onDone(null)}>
            {tc('common.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
