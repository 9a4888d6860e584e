import { useState } from 'react';
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading';
import { errorMessage } from '../../../i18n/errors';
import type { ResourceView } from '../../../lib/api-types';
import { useInlineLink } from '../api';
import { LIBRARY_NS } from '../i18n';

/**
 * The newest file shown in the page: an image at once, a PDF when asked for (it
 * is larger). Both load through a download link, as a frame or an <img> cannot
 * send the Authorization header; the server lets only this app frame the file.
 */
export function Preview({ resource }: { resource: ResourceView & { file: NonNullable<ResourceView['file']> } }) {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  const image = resource.file.format === 'png' || resource.file.format === 'jpeg';
  const [open, setOpen] = useState(image);
  const link = useInlineLink(resource.id, resource.file.version, open);

  return (
    <section aria-labelledby="resource-preview" className="resource__preview">
      <Heading level={3} data-size="xs" id="resource-preview">
        {t('preview.title')}
      </Heading>
      {!open && (
        <div className="actions">
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t('preview.show')}
          </Button>
        </div>
      )}
      {open && link.isPending && <Loading />}
      {open && link.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, link.error)}
        </Alert>
      )}
      {open && link.data &&
        (image ? (
          <img src={link.data.url} alt={t('preview.imageAlt', { title: resource.title })} />
        ) : (
          <>
            <iframe src={link.data.url} title={t('preview.pdfTitle', { title: resource.title })} />
            <Paragraph data-size="sm" className="muted">
              {t('preview.pdfHelp')}
            </Paragraph>
          </>
        ))}
    </section>
  );
}
