import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SafeHtml } from '../../../components/SafeHtml';
import { formatDate, formatNumber } from '../../../lib/format';
import { useCountyNames } from '../../orgs/api';
import { MembershipActions } from '../components/MembershipActions';
import { TopicTags } from '../components/NetworkBits';
import { TabHeading, useNetworkContext } from '../context';
import { regionText, visibilityLabel } from '../labels';

export default function AboutTab() {
  const { t } = useTranslation();
  const { network: n } = useNetworkContext();
  const countyName = useCountyNames();

  return (
    <div className="about">
      <div className="about__main">
        <TabHeading title={t('networkPage.tabs.about')} />
        {n.descriptionHtml.trim() ? (
          <SafeHtml html={n.descriptionHtml} />
        ) : (
          <Paragraph>{t('about.noDescription')}</Paragraph>
        )}
        <section aria-labelledby="about-facts" className="panel">
          <Heading level={3} data-size="xs" id="about-facts">
            {t('about.factsTitle')}
          </Heading>
          <dl className="facts">
            <dt>{t('about.region')}</dt>
            <dd>{regionText(t, n, countyName)}</dd>
            <dt>{t('about.topics')}</dt>
            <dd>{n.topics.length > 0 ? <TopicTags topics={n.topics} /> : t('about.noTopics')}</dd>
            <dt>{t('about.visibility')}</dt>
            <dd>
              {visibilityLabel(t, n.visibility)}. {t(`visibilityHelp.${n.visibility}`)}
            </dd>
            <dt>{t('about.members')}</dt>
            <dd>
              {formatNumber(n.memberCount)}
              {n.permissions.viewMembers && (
                <>
                  {' · '}
                  <Link asChild>
                    <RouterLink to={`/nettverk/${n.slug}/medlemmer?kommuner`}>{t('about.coverageLink')}</RouterLink>
                  </Link>
                </>
              )}
            </dd>
            <dt>{t('about.created')}</dt>
            <dd>{formatDate(n.createdAt)}</dd>
          </dl>
        </section>
      </div>
      <MembershipActions network={n} />
    </div>
  );
}
