import 'i18next';
import type nb from './locales/nb/common.json';
import type nbForum from './locales/nb/forum.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    // "forum" is loaded with the forum's pages (features/forum/i18n.ts), not at start.
    resources: { common: typeof nb; forum: typeof nbForum };
    returnNull: false;
  }
}
