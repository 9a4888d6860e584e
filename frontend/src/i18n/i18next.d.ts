import 'i18next';
import type nb from './locales/nb/common.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: { common: typeof nb };
    returnNull: false;
  }
}
