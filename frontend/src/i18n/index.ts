import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import nb from './locales/nb/common.json';
import nn from './locales/nn/common.json';
import en from './locales/en/common.json';
import { detectLanguage, LANGUAGES } from './language';

export const resources = {
  nb: { common: nb },
  nn: { common: nn },
  en: { common: en },
} as const;

void i18n.use(initReactI18next).init({
  resources,
  lng: detectLanguage(),
  fallbackLng: 'nb',
  supportedLngs: [...LANGUAGES],
  defaultNS: 'common',
  ns: ['common'],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

function syncHtmlLang(lng: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
syncHtmlLang(i18n.language);
i18n.on('languageChanged', syncHtmlLang);

export default i18n;
