// The library's texts are a namespace of their own, loaded with the library's
// code rather than with the first page (as the forum's are).
import i18n from '../../i18n';
import nb from '../../i18n/locales/nb/library.json';
import nn from '../../i18n/locales/nn/library.json';
import en from '../../i18n/locales/en/library.json';

export const LIBRARY_NS = 'library';

for (const [lng, texts] of Object.entries({ nb, nn, en })) {
  if (!i18n.hasResourceBundle(lng, LIBRARY_NS)) i18n.addResourceBundle(lng, LIBRARY_NS, texts);
}
