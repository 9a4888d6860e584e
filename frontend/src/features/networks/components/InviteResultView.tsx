import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../../components/CopyField';
import type { InviteResult } from '../../../lib/api-types';

/** Who was invited (with each link to copy) and which lines were not, and why. */
export function InviteResultView({ result, invalidKept }: { result: InviteResult; invalidKept: boolean }) {
  const { t } = useTranslation();
  const { invited, problems } = result;
  return (
    <section aria-labelledby="invite-result" className="panel invite-result">
      <Heading level={3} data-size="xs" id="invite-result" tabIndex={-1} className="page-heading">
        {t('invitations.resultTitle')}
      </Heading>
      <Paragraph id="invite-invited">
        {invited.length > 0 ? t('invitations.invited', { count: invited.length }) : t('invitations.noneInvited')}
      </Paragraph>
      {invited.length > 0 && (
        <ul className="plain-list invite-result__invited" aria-labelledby="invite-invited">
          {invited.map((inv) => (
            <li key={inv.id}>
              <CopyField
                value={inv.link}
                label={t('invitations.linkFor', { email: inv.email })}
                copyLabel={t('invitations.copyFor', { email: inv.email })}
                copiedMessage={t('invitations.copied', { email: inv.email })}
              />
            </li>
          ))}
        </ul>
      )}
      {problems.length > 0 && (
        <>
          <Paragraph id="invite-problems">{t('invitations.problems', { count: problems.length })}</Paragraph>
          <ul className="invite-result__problems" aria-labelledby="invite-problems">
            {problems.map((p, i) => (
              <li key={`${i}:${p.line}:${p.input}`}>
                <span className="invite-result__input">{p.input}</span>
                {p.line > 0 && ` (${t('invitations.line', { line: p.line })})`}: {t(`invitations.problem.${p.code}`)}
              </li>
            ))}
          </ul>
          {invalidKept && <Paragraph>{t('invitations.invalidKept')}</Paragraph>}
        </>
      )}
    </section>
  );
}
