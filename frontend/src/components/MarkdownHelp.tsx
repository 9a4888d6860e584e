import type { ReactNode } from 'react';
import { Details } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/**
 * "Slik formaterer du teksten": the Markdown a text field takes, in short.
 * `extra` adds rows (the forum adds quotes and mentions).
 */
export function MarkdownHelp({ extra }: { extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Details data-size="sm">
      <Details.Summary>{t('markdownHelp.title')}</Details.Summary>
      <Details.Content>
        <table className="markdown-help">
          <thead>
            <tr>
              <th scope="col">{t('markdownHelp.youWrite')}</th>
              <th scope="col">{t('markdownHelp.youGet')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>
                <code>**{t('markdownHelp.bold')}**</code>
              </td>
              <td>
                <strong>{t('markdownHelp.bold')}</strong>
              </td>
            </tr>
            <tr>
              <td>
                <code>*{t('markdownHelp.italic')}*</code>
              </td>
              <td>
                <em>{t('markdownHelp.italic')}</em>
              </td>
            </tr>
            <tr>
              <td>
                <code>- {t('markdownHelp.listItem')}</code>
              </td>
              <td>{t('markdownHelp.list')}</td>
            </tr>
            <tr>
              <td>
                <code>[KS](https://www.ks.no)</code>
              </td>
              <td>{t('markdownHelp.link')}</td>
            </tr>
            <tr>
              <td>
                <code># {t('markdownHelp.headingText')}</code>
              </td>
              <td>{t('markdownHelp.heading')}</td>
            </tr>
            {extra}
          </tbody>
        </table>
        <p>{t('markdownHelp.paragraph')}</p>
      </Details.Content>
    </Details>
  );
}
