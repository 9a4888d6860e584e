import { Alert, Button, Heading, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading';
import { errorMessage } from '../../../i18n/errors';
import { formatDateTime } from '../../../lib/format';
import { useDownload, useVersions } from '../api';
import { fileSummary } from '../format';
import { LIBRARY_NS } from '../i18n';

/** Every version of a resource's file, newest first, with who uploaded it and when, and a download for each. */
export function Versions({ resourceId }: { resourceId: string }) {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  const versions = useVersions(resourceId, true);
  const download = useDownload();
  return (
    <section aria-labelledby="resource-versions">
      <Heading level={3} data-size="xs" id="resource-versions">
        {t('versions.title')}
      </Heading>
      {versions.isPending && <Loading />}
      {versions.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, versions.error)}
        </Alert>
      )}
      {download.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, download.error)}
        </Alert>
      )}
      {versions.data && (
        <div className="table-scroll">
          <Table className="version-table" data-size="sm">
            <caption className="ds-sr-only">{t('versions.caption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('versions.version')}</Table.HeaderCell>
                <Table.HeaderCell>{t('versions.file')}</Table.HeaderCell>
                <Table.HeaderCell>{t('versions.uploaded')}</Table.HeaderCell>
                <Table.HeaderCell>{t('versions.note')}</Table.HeaderCell>
                <Table.HeaderCell>
                  <span className="ds-sr-only">{t('versions.download')}</span>
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {versions.data.map((v) => (
                <Table.Row key={v.id}>
                  <Table.Cell>{t('versions.number', { version: v.version })}</Table.Cell>
                  <Table.Cell>
                    {v.fileName}
                    <br />
                    <span className="muted small">{fileSummary(t, v)}</span>
                  </Table.Cell>
                  <Table.Cell>
                    {t('versions.by', { name: v.uploaderName })}
                    <br />
                    <span className="muted small">{formatDateTime(v.uploadedAt)}</span>
                  </Table.Cell>
                  <Table.Cell>{v.note ?? ''}</Table.Cell>
                  <Table.Cell>
                    <Button
                      variant="tertiary"
                      data-size="sm"
                      loading={download.isPending && download.variables?.version === v.version}
                      onClick={() => download.mutate({ resourceId, version: v.version })}
                      aria-label={t('versions.downloadVersion', { version: v.version, name: v.fileName })}
                    >
                      {t('versions.download')}
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}
