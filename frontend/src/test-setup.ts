import '@testing-library/jest-dom/vitest';
import { afterEach, beforeEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import i18n from './i18n';

// Pages are lazy chunks: the first test in a file also waits for the import.
configure({ asyncUtilTimeout: 4000 });

// jsdom has no Web Animations API; Designsystemet's Spinner syncs its animation with it.
if (typeof Document !== 'undefined' && !('getAnimations' in Document.prototype)) {
  Object.defineProperty(Document.prototype, 'getAnimations', { value: () => [], configurable: true });
}
if (typeof Element !== 'undefined' && !('getAnimations' in Element.prototype)) {
  Object.defineProperty(Element.prototype, 'getAnimations', { value: () => [], configurable: true });
}

// jsdom has no modal dialogs; Designsystemet's Dialog opens with showModal().
if (typeof HTMLDialogElement !== 'undefined' && !('showModal' in HTMLDialogElement.prototype)) {
  Object.assign(HTMLDialogElement.prototype, {
    show(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    },
    showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    },
    close(this: HTMLDialogElement) {
      if (!this.hasAttribute('open')) return;
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    },
  });
}

// Tests read Bokmål unless they switch language themselves.
beforeEach(async () => {
  await i18n.changeLanguage('nb');
});

afterEach(() => {
  cleanup();
});
