// Signs a person in through Keycloak's own sign-in page in headless Chromium, the way production works:
// the app's "Continue to company sign-in" goes to the realm, the person types their name and password
// there (and chooses a new one when theirs was temporary), Keycloak sends the browser back with a code,
// and the app (PKCE) shows them signed in with their role. Run by KeycloakIT against the packaged app in
// the production profile and a real Keycloak. Exits non-zero on a failed check or any browser console
// error (a Content-Security-Policy violation toward Keycloak shows up as one).
//
//   BASE_URL=http://localhost:8080 KEYCLOAK_ORIGIN=http://localhost:8180 SIGNIN_USER=sam.supervisor \
//   SIGNIN_PASSWORD=... [NEW_PASSWORD=...] EXPECTED_ROLE=supervisor SCREENSHOT_DIR=target/screenshots node e2e/keycloak-signin.mjs

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const KEYCLOAK_ORIGIN = (process.env.KEYCLOAK_ORIGIN ?? 'http://localhost:8180').replace(/\/$/, '');
const USER = process.env.SIGNIN_USER;
const PASSWORD = process.env.SIGNIN_PASSWORD;
const NEW_PASSWORD = process.env.NEW_PASSWORD; // set when SIGNIN_PASSWORD is temporary: the one to choose on Keycloak's page
const EXPECTED_ROLE = process.env.EXPECTED_ROLE;
const SCREENSHOTS = resolve(process.env.SCREENSHOT_DIR ?? 'target/screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
mkdirSync(SCREENSHOTS, { recursive: true });

const consoleErrors = [];
let failed = false;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
page.on('console', (message) => {
  if (message.type() === 'error') consoleErrors.push(`${message.text()} ${message.location()?.url ?? ''}`);
});
page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
const started = Date.now();
try {
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('button', { name: 'Continue to company sign-in' }).click();
  await page.waitForURL(`${KEYCLOAK_ORIGIN}/realms/**`);
  await page.screenshot({ path: join(SCREENSHOTS, 'keycloak-signin-page.png'), fullPage: true });
  await page.locator('#username').fill(USER);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#kc-login').click();
  if (NEW_PASSWORD) {
    // a temporary password (as the realm's users start with): Keycloak asks for a new one before letting them in
    await page.locator('#password-new').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'keycloak-update-password.png'), fullPage: true });
    await page.locator('#password-new').fill(NEW_PASSWORD);
    await page.locator('#password-confirm').fill(NEW_PASSWORD);
    await page.locator('#kc-submit').click();
  }
  await page.waitForURL(`${BASE_URL}/**`);
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 30_000 });
  const roles = await page.getByRole('list', { name: 'Roles' }).getByRole('listitem').allTextContents();
  if (!roles.map((role) => role.trim()).includes(EXPECTED_ROLE)) {
    throw new Error(`Check failed: the signed-in shell shows the role ${EXPECTED_ROLE} (shows ${JSON.stringify(roles)})`);
  }
  if (new URL(page.url()).searchParams.has('code')) throw new Error('Check failed: the code stays out of the address bar');
  await page.screenshot({ path: join(SCREENSHOTS, 'keycloak-signed-in.png'), fullPage: true });
  console.log(`PASS ${USER} signs in through Keycloak's page and sees the role ${EXPECTED_ROLE} (${Date.now() - started} ms)`);
} catch (error) {
  failed = true;
  console.log(`FAIL ${USER} signs in through Keycloak's page: ${error.stack ?? error}`);
  console.log(`page at ${page.url()}`);
  await page.screenshot({ path: join(SCREENSHOTS, 'keycloak-signin-failed.png'), fullPage: true }).catch(() => undefined);
} finally {
  await browser.close();
}

for (const error of consoleErrors) console.log(`CONSOLE ERROR ${error}`);
process.exit(failed || consoleErrors.length > 0 ? 1 : 0);
