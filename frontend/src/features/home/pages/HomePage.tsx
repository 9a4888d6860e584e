import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { PageHeading } from '../../../components/PageHeading';
import { Loading } from '../../../components/Loading';
import { MyNetworksList } from '../../networks/components/MyNetworksList';

export default function HomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) return <Loading />;
  const firstName = user.name.trim().split(/\s+/)[0] ?? user.name;

  return (
    <div className="page page--narrow">
      <PageHeading title={t('nav.home')}>{t('home.greeting', { name: firstName })}</PageHeading>
      <Paragraph data-size="lg">{t('home.org', { org: user.org.name })}</Paragraph>
      <section aria-labelledby="home-networks">
        <Heading level={2} data-size="sm" id="home-networks">
          {t('home.myNetworksTitle')}
        </Heading>
        <MyNetworksList />
      </section>
      <section aria-labelledby="home-what">
        <Heading level={2} data-size="sm" id="home-what">
          {t('home.whatTitle')}
        </Heading>
        <Paragraph>{t('home.what1')}</Paragraph>
        <Paragraph>{t('home.what2')}</Paragraph>
        <Paragraph>{t('home.what3')}</Paragraph>
      </section>
      <Paragraph>
        <Link asChild>
          <RouterLink to="/min-side">{t('home.minSideLink')}</RouterLink>
        </Link>
      </Paragraph>
    </div>
  );
}
