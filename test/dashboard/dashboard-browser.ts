import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** The dashboard's texts a browser test looks for, per language. */
export const DASHBOARD_TEXTS = {
  en: { username: 'Username', password: 'Password', continue: 'Continue', code: 'One-time code', title: 'Services connected to your bank', revoke: 'Revoke access', confirm: 'Confirm', revoked: 'Done: the service can no longer use this access.', ended: 'Ended', logOut: 'Log out' },
  fr: { username: 'Identifiant', password: 'Mot de passe', continue: 'Continuer', code: 'Code à usage unique', title: 'Services connectés à votre banque', revoke: 'Retirer l’accès', confirm: 'Confirmer', revoked: 'C’est fait : le service ne peut plus utiliser cet accès.', ended: 'Terminées', logOut: 'Se déconnecter' },
} as const;

/** A language of the dashboard. */
export type DashboardLanguage = keyof typeof DASHBOARD_TEXTS;

/** Signs a sandbox PSU in on the dashboard as a person would: `/consents` (under `/fr` for French), password, the code shown. */
export async function signInOnDashboard(page: Page, issuer: string, username: string, language: DashboardLanguage = 'en'): Promise<void> {
  const texts = DASHBOARD_TEXTS[language];
  const prefix = language === 'en' ? '' : `/${language}`;
  await page.goto(`${issuer}${prefix}/consents`);
  await page.waitForURL(/\/consents\/login$/);
  await page.getByLabel(texts.username).fill(username);
  await page.getByLabel(texts.password).fill(`sandbox-${username}`);
  await page.getByRole('button', { name: texts.continue }).click();
  await page.waitForURL(/\/consents\/sca$/);
  const code = /(\d{6})/.exec((await page.locator('#sandbox-code').textContent()) ?? '')?.[1] ?? '';
  await page.getByLabel(texts.code).fill(code);
  await page.getByRole('button', { name: texts.continue }).click();
  await page.waitForURL(/\/consents$/);
  expect(await page.locator('h1').textContent()).toBe(texts.title);
}

/** Revokes the first active consent of `tppName` through the confirmation step; the dashboard then shows it ended. */
export async function revokeOnDashboard(page: Page, tppName: string, language: DashboardLanguage = 'en'): Promise<void> {
  const texts = DASHBOARD_TEXTS[language];
  const group = page.locator('section.tpp', { has: page.getByRole('heading', { level: 3, name: tppName }) }).first();
  await group.getByRole('button', { name: texts.revoke }).first().click();
  await page.waitForURL(/\/consents\/revoke\?consent=/);
  expect(await page.locator('h1').textContent()).toContain(tppName);
  await page.getByRole('button', { name: texts.confirm }).click();
  await page.waitForURL(/\/consents\?notice=revoked$/);
  expect(await page.getByRole('status').textContent()).toBe(texts.revoked);
}
