import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES, rememberLanguage } from '../i18n/language';
import { useUpdateMe } from '../features/me/api';
import { useAuth } from './auth';

/**
 * Changes the UI language at once. Logged in, the choice is also saved as the
 * user's setting (PATCH /me); logged out, it is remembered on this device.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { state } = useAuth();
  const updateMe = useUpdateMe();

  return (
    <Field className="language-switch" data-size="sm">
      <Label>{t('language.label')}</Label>
      <Select
        value={i18n.resolvedLanguage ?? i18n.language}
        onChange={(event) => {
          const lang = event.target.value;
          if (!isLanguage(lang)) return;
          void i18n.changeLanguage(lang);
          rememberLanguage(lang);
          if (state.status === 'authenticated') updateMe.mutate({ language: lang });
        }}
      >
        {LANGUAGES.map((lang) => (
          <Select.Option key={lang} value={lang} lang={lang}>
            {t(`language.${lang}`)}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
