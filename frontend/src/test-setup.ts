import '@testing-library/jest-dom/vitest';
import { afterEach, beforeEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import i18n from './i18n';

// jsdom has no Web Animations API; Designsystemet's Spinner syncs its animation with it.
if (typeof Document !== 'undefined' && !('getAnimations' in Document.prototype)) {
  Object.defineProperty(Document.prototype, 'getAnimations', { value: () => [], configurable: true });
}
if (typeof Element !== 'undefined' && !('getAnimations' in Element.prototype)) {
  Object.defineProperty(Element.prototype, 'getAnimations', { value: () => [], configurable: true });
}

// Tests read Bokmål unless they switch language themselves.
beforeEach(async () => {
  await i18n.changeLanguage('nb');
});

afterEach(() => {
  cleanup();
});
