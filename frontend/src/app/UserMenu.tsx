import { useState } from 'react';
import { Dropdown } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../lib/api-types';
import { useLogout } from '../features/auth/api';
import { SEARCH_NS } from '../features/search/i18n';
import { INSIGHT_PATH } from '../features/search/params';

export function UserMenu({ user }: { user: Me }) {
  const { t } = useTranslation();
  const { t: ts } = useTranslation(SEARCH_NS);
  const [open, setOpen] = useState(false);
  const logout = useLogout();

  return (
    <Dropdown.TriggerContext>
      <Dropdown.Trigger variant="tertiary" data-size="sm" className="user-menu__trigger">
        <span className="ds-sr-only">{t('userMenu.label')}: </span>
        {user.name}
      </Dropdown.Trigger>
      <Dropdown placement="bottom-end" open={open} onOpen={() => setOpen(true)} onClose={() => setOpen(false)}>
        <Dropdown.List>
          <Dropdown.Item>
            <Dropdown.Button asChild>
              <RouterLink to="/min-side" onClick={() => setOpen(false)}>
                {t('userMenu.minSide')}
              </RouterLink>
            </Dropdown.Button>
          </Dropdown.Item>
          {(user.siteRole === 'adviser' || user.siteRole === 'admin') && (
            <Dropdown.Item>
              <Dropdown.Button asChild>
                <RouterLink to={INSIGHT_PATH} onClick={() => setOpen(false)}>
                  {ts('insight.menu')}
                </RouterLink>
              </Dropdown.Button>
            </Dropdown.Item>
          )}
          <Dropdown.Item>
            <Dropdown.Button
              onClick={() => {
                setOpen(false);
                logout.mutate();
              }}
            >
              {t('userMenu.logout')}
            </Dropdown.Button>
          </Dropdown.Item>
        </Dropdown.List>
      </Dropdown>
    </Dropdown.TriggerContext>
  );
}
