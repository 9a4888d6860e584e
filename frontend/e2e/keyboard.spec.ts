import { test, expect, KARI, PASSWORD } from './fixtures';
import type { Page } from '@playwright/test';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Marks every keyboard-reachable control and returns how each looks without focus. */
async function markControls(page: Page) {
  return page.evaluate((selector) => {
    const els = Array.from(document.querySelectorAll<HTMLElement>(selector));
    return els.map((el, i) => {
      el.dataset.kb = String(i);
      const s = getComputedStyle(el);
      return {
        index: i,
        label: `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.id).trim().slice(0, 40)}"`,
        style: { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, boxShadow: s.boxShadow },
      };
    });
  }, FOCUSABLE);
}

async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
      kb: el.dataset.kb ?? null,
      style: { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, boxShadow: s.boxShadow },
      visible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? true : s.boxShadow !== 'none',
      onScreen: r.width > 1 && r.height > 1,
    };
  });
}

test('every control on the login page is reachable with Tab and shows a visible focus indicator', async ({ page }) => {
  await page.goto('/logg-inn');
  await expect(page.getByRole('heading', { level: 1, name: 'Logg inn' })).toBeVisible();
  const controls = await markControls(page);
  expect(controls.length).toBeGreaterThanOrEqual(5); // skip link, Samspill, language, email, password, button

  const reached: string[] = [];
  for (let i = 0; i < controls.length + 5; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f || f.kb === null || reached.includes(f.kb)) break;
    reached.push(f.kb);
    const control = controls[Number(f.kb)]!;
    expect(f.onScreen, `${control.label} is on screen when focused`).toBe(true);
    expect(f.visible, `${control.label} has an outline or box-shadow when focused`).toBe(true);
    expect(f.style, `${control.label} looks different when focused`).not.toEqual(control.style);
  }
  expect(controls[Number(reached[0])]!.label).toContain('Hopp til hovedinnholdet');
  expect(reached.map(Number).sort((a, b) => a - b)).toEqual(controls.map((c) => c.index));
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/logg-inn');
  await expect(page.getByRole('heading', { level: 1, name: 'Logg inn' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Hopp til hovedinnholdet' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('E-postadresse')).toBeFocused();
});

test('log in, visit Min side and log out with the keyboard only', async ({ page }) => {
  await page.goto('/logg-inn');
  await expect(page.getByRole('heading', { level: 1, name: 'Logg inn' })).toBeVisible();
  await page.keyboard.press('Tab'); // skip link
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type(KARI);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Kari!' })).toBeVisible();

  // Tab forward to the user menu, open it, and pick "Min side".
  const trigger = page.getByRole('button', { name: 'Kari Nordmann' });
  // Past Hjem's own links, then round through the header's menu (Hjem, Nettverk, Mine nettverk, Min side),
  // its search field and search button, and Språk.
  for (let i = 0; i < 25 && !(await trigger.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(trigger).toBeFocused();
  await page.keyboard.press('Enter');
  // The user menu (the header also has the "Mine nettverk" menu).
  const menu = page.locator('[popover]').filter({ has: page.getByRole('link', { name: 'Min side' }) });
  await expect(menu).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(menu.getByRole('link', { name: 'Min side' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Min side' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Logg ut' })).toBeHidden();

  // Open the menu again and log out.
  await trigger.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Logg ut' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Du er logget ut.')).toBeVisible();
});
