// The search's texts are a namespace of their own. The header's search field
// needs a few of them on every page, so this module is loaded with the shell.
import i18n from '../../i18n';
import nb from '../../i18n/locales/nb/search.json';
import nn from '../../i18n/locales/nn/search.json';
import en from '../../i18n/locales/en/search.json';

export const SEARCH_NS = 'search';

for (const [lng, texts] of Object.entries({ nb, nn, en })) {
  if (!i18n.hasResourceBundle(lng, SEARCH_NS)) i18n.addResourceBundle(lng, SEARCH_NS, texts);
}
