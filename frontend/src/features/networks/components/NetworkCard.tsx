import { Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NetworkSummary } from '../../../lib/api-types';
import { formatNumber } from '../../../lib/format';
import { useCountyNames } from '../../orgs/api';
import { regionText } from '../labels';
import { RoleTag, TopicTags, VisibilityTag } from './NetworkBits';

/** A network in a list: name (the link), excerpt, topics, region, visibility, members, my role. */
export function NetworkCard({ network, headingLevel = 2 }: { network: NetworkSummary; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const countyName = useCountyNames();
  return (
    <Card data-color="neutral" className="network-card">
      <Card.Block>
        <Heading level={headingLevel} data-size="xs">
          <RouterLink to={`/nettverk/${network.slug}`} className="network-card__link">
            {network.name}
          </RouterLink>
        </Heading>
        {network.excerpt && <Paragraph data-size="sm">{network.excerpt}</Paragraph>}
        <TopicTags topics={network.topics} />
        <dl className="network-card__facts">
          <div>
            <dt>{t('networkCard.region')}</dt>
            <dd>{regionText(t, network, countyName)}</dd>
          </div>
          <div>
            <dt>{t('networkCard.members')}</dt>
            <dd>{formatNumber(network.memberCount)}</dd>
          </div>
        </dl>
        <div className="tag-row">
          <VisibilityTag visibility={network.visibility} />
          {network.myRole && <RoleTag role={network.myRole} />}
        </div>
      </Card.Block>
    </Card>
  );
}
