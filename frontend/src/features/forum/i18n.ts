// The forum's texts are a namespace of their own, loaded with the forum's code
// rather than with the first page: they would make up a good part of it.
import i18n from '../../i18n';
import nb from '../../i18n/locales/nb/forum.json';
import nn from '../../i18n/locales/nn/forum.json';
import en from '../../i18n/locales/en/forum.json';

export const FORUM_NS = 'forum';

for (const [lng, texts] of Object.entries({ nb, nn, en })) {
  if (!i18n.hasResourceBundle(lng, FORUM_NS)) i18n.addResourceBundle(lng, FORUM_NS, texts);
}
