import { useState } from 'react';
import { Dropdown } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMyNetworks } from '../features/networks/api';

/** "Mine nettverk" in the main menu: each of my networks one click away. */
export function MyNetworksMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const mine = useMyNetworks();
  const items = mine.data?.items ?? [];
  const close = () => setOpen(false);

  return (
    <Dropdown.TriggerContext>
      <Dropdown.Trigger variant="tertiary" data-size="sm" className="nav-menu__trigger">
        {t('nav.myNetworks')}
      </Dropdown.Trigger>
      <Dropdown placement="bottom-start" open={open} onOpen={() => setOpen(true)} onClose={close}>
        {items.length > 0 ? (
          <Dropdown.List>
            {items.map((n) => (
              <Dropdown.Item key={n.id}>
                <Dropdown.Button asChild>
                  <RouterLink to={`/nettverk/${n.slug}`} onClick={close}>
                    {n.name}
                  </RouterLink>
                </Dropdown.Button>
              </Dropdown.Item>
            ))}
          </Dropdown.List>
        ) : (
          <p className="nav-menu__empty">{mine.isPending ? t('app.loading') : t('nav.myNetworksEmpty')}</p>
        )}
        <Dropdown.List>
          <Dropdown.Item>
            <Dropdown.Button asChild>
              <RouterLink to="/nettverk" onClick={close}>
                {t('nav.findNetworks')}
              </RouterLink>
            </Dropdown.Button>
          </Dropdown.Item>
        </Dropdown.List>
      </Dropdown>
    </Dropdown.TriggerContext>
  );
}
