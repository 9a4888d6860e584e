import 'i18next';
import type nb from './locales/nb/common.json';
import type nbForum from './locales/nb/forum.json';
import type nbLibrary from './locales/nb/library.json';
import type nbSearch from './locales/nb/search.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    // "forum" is loaded with the forum's pages (features/forum/i18n.ts), not at start;
    // "library" likewise with the library's (features/library/i18n.ts); "search" with the
    // header's search field (features/search/i18n.ts).
    resources: { common: typeof nb; forum: typeof nbForum; library: typeof nbLibrary; search: typeof nbSearch };
    returnNull: false;
  }
}
