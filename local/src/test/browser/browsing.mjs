// What the browser scripts share: a buyer's own chromium (a fresh profile, nothing outside the app's
// origin), waiting for what the page shows, and failing loudly on the first failed expectation.
import { chromium } from "playwright-core";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const WAIT = 30000;    // generous: admissions ride on the scheduler's ticks

// Without these, chromium reaches out to the network at start; this machine has none.
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-quic"];

export function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(name + " is not set");
  return value;
}

const started = Date.now();
export function step(what) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${what}`);
}

export function check(condition, message) {
  if (!condition) throw new Error("expectation failed: " + message);
}

let answers; // the test's answers, one line each on this script's input (read only once asked)

/**
 * Asks the test running this script (BrowserScript) for what only it can do, such as moving the
 * runtime's clock; resolves to its answer, and fails if the test could not do it.
 */
export async function askTest(request) {
  answers ??= createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  console.log("@test " + request);
  const { value, done } = await answers.next();
  if (done) throw new Error(`no answer from the test to "${request}"`);
  if (value.startsWith("error ")) throw new Error(`the test could not "${request}": ${value}`);
  return value;
}

/**
 * The sign-in provider the app is configured with: the issuer of the runtime's config.js (its
 * development issuer), whose origin the app's browsers may visit besides the app's.
 */
export async function issuerOf(baseUrl) {
  const script = await (await fetch(baseUrl + "/config.js")).text();
  const window = {};
  new Function("window", script)(window); // the runtime's own file, as the page runs it
  const issuer = window.CONCERT_CONFIG && window.CONCERT_CONFIG.auth && window.CONCERT_CONFIG.auth.issuer;
  if (!issuer) throw new Error("the runtime's config.js names no issuer: " + script);
  return issuer;
}

/** One buyer: a browser of its own with a fresh profile, so nothing is shared but the server. */
export async function openBuyer(name, baseUrl, options) {
  const profile = await mkdtemp(path.join(tmpdir(), "concert-browser-" + name + "-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    locale: options.locale,
    viewport: options.viewport,
    deviceScaleFactor: options.deviceScaleFactor || 1,
    isMobile: Boolean(options.isMobile),
    hasTouch: Boolean(options.isMobile),
    timeout: WAIT,
  });
  context.setDefaultTimeout(WAIT);
  const problems = [];
  // The app needs nothing but its own origin and its sign-in provider's: anything else is refused and reported.
  const origins = [new URL(baseUrl).origin, new URL(await issuerOf(baseUrl)).origin];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (origins.some((origin) => url.startsWith(origin + "/")) || url.startsWith("data:")) return route.continue();
    problems.push("request outside the app's origin: " + url);
    return route.abort();
  });
  const page = context.pages()[0] || await context.newPage();
  page.on("pageerror", (error) => problems.push("uncaught error in the page: " + error.message));
  return { name, page, context, profile, problems };
}

export async function closeBuyer(buyer) {
  if (!buyer) return;
  // A route still handling an answer when the browser closes would fail the script after it passed.
  await buyer.context.unrouteAll({ behavior: "ignoreErrors" }).catch(() => {});
  await buyer.context.close().catch(() => {});
  await rm(buyer.profile, { recursive: true, force: true }).catch(() => {});
}

/**
 * Signs in once the concert is listed (opening the app first unless the page shows it): the app sends the browser to the development issuer's page,
 * where the user name is typed and the form submitted with Enter; the issuer sends it back with a
 * code, which the app exchanges and then strips from the address.
 */
export async function signIn(buyer, baseUrl, userName, concertId) {
  const { page } = buyer;
  if (!page.url().startsWith(baseUrl + "/")) await page.goto(baseUrl + "/");
  await page.getByTestId("concert-" + concertId).waitFor();
  check(await page.locator("#wallet-section").isHidden(), `${buyer.name}'s balance is not shown before signing in`);
  await page.getByTestId("sign-in").click();
  const name = page.getByLabel("User name", { exact: true });
  await name.fill(userName);
  await name.press("Enter");
  await expectAttribute(page.getByTestId("current-user"), "data-user", userName);
  await expectText(page.getByTestId("current-user"), new RegExp(userName.replace(/[|.]/g, "\\$&")));
  const back = new URL(page.url());
  check(back.origin + back.pathname === baseUrl + "/" && back.search === "",
    `${buyer.name} is back at the app's own address, without the code and state: ${page.url()}`);
  check(await page.getByTestId("sign-in").isHidden(), "no sign-in button once signed in");
  await expectAttribute(page.getByTestId("balance"), "data-balance", "0");
  await page.getByTestId("payments-empty").waitFor({ state: "visible" });
}

/** The error box must stay empty: any API failure the app shows is a failure of the flow. */
export async function expectNoError(buyer, when) {
  const box = buyer.page.getByTestId("error");
  if (await box.isVisible()) {
    throw new Error(`${buyer.name} sees an error ${when}: ${await box.textContent()}`);
  }
}

/** Waits until the attribute is {@code value}: a string, a RegExp it matches, or a predicate it passes. */
export async function expectAttribute(locator, name, value, timeout = WAIT) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await locator.getAttribute(name, { timeout }).catch(() => undefined);
    const passes = typeof value === "function" ? value(last) : value instanceof RegExp ? value.test(last ?? "") : last === value;
    if (passes) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${locator} [${name}] to be ${value}, last seen ${last}`);
}

export async function expectText(locator, pattern, timeout = WAIT) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await locator.textContent({ timeout }).catch(() => undefined);
    if (pattern.test(last ?? "")) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${locator} to match ${pattern}, last seen "${last}"`);
}

/** Screenshots of every buyer's page, for a failed run. */
export async function failureScreenshots(buyers, dir) {
  for (const buyer of buyers) {
    if (!buyer) continue;
    const file = path.join(dir, "failure-" + buyer.name + ".png");
    await buyer.page.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.error(`${buyer.name}'s page at failure: ${file}`);
    if (buyer.problems.length) console.error(buyer.name + ": " + buyer.problems.join("; "));
  }
}

/** Runs a script's main, exiting 0 when it succeeds and 1 with the stack when it fails. */
export function runMain(main) {
  main().then(() => process.exit(0), (error) => {
    console.error(error && error.stack ? error.stack : error);
    process.exit(1);
  });
}
