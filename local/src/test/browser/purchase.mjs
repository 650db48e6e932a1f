// Two buyers, a two-seat order, a real browser: drives the web app served by a running local
// runtime with Debian's chromium through playwright-core (resolved from the repository's node_modules).
//
//   BASE_URL=http://127.0.0.1:3000 SCREENSHOT_DIR=local/target/screenshots node local/src/test/browser/purchase.mjs
//
// The runtime must admit one user at a time (QUEUE_MAX_ACTIVE=1) and run its scheduler often
// (SCHEDULER_INTERVAL_SECONDS=1). Both sign in through the runtime's development issuer (Alice
// with an id in the shape another provider gives, "auth0|5fe4abc"); every API call carries her
// access token and none a typed user id; a reload keeps her signed in, an access token that ran
// out or that the API refuses is refreshed, and at the end she signs out at the provider and
// stays signed out after a reload. Alice joins first, is admitted, picks two seats by keyboard and
// holds them together, charges too little and is told so in Korean beside the pay button on her
// 360 px phone (amounts as "300,000원", in view, the server's words folded away), charges the rest
// and pays for both, and her history shows the concert's date; Bob joins second and waits (his
// position and progress are shown), is admitted once Alice's payment ends her session, finds her
// seats SOLD, holds two seats and gives them up, holds four, and is told clearly when a fifth
// would pass the ticket limit. Screenshots of the signed-in header, the waiting queue, the seat
// maps and the payment history go to SCREENSHOT_DIR. Exits non-zero on the first failed
// expectation. BrowserTest runs it during `mvn verify`.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import {
  check, closeBuyer, expectAttribute, expectNoError, expectText, failureScreenshots, issuerOf, openBuyer, requiredEnv, runMain,
  signIn as signInTo, step, WAIT,
} from "./browsing.mjs";

const BASE_URL = requiredEnv("BASE_URL").replace(/\/+$/, "");
const SCREENSHOT_DIR = path.resolve(requiredEnv("SCREENSHOT_DIR"));
const CONCERT = process.env.CONCERT_ID || "neon-tide-tour";
const SEAT = 7;               // Alice's order: seats 7 and 8, VIP, 150,000 KRW each
const ORDER = [SEAT, SEAT + 1];
const PRICE = 300000;
const TOP_UP = 400000;
const SHORT = 80000;          // her first charge: too little for the order
const ALICE = "auth0|5fe4abc"; // any id the API accepts as a user's, "|" included

const signIn = (buyer, userName) => signInTo(buyer, BASE_URL, userName, CONCERT);

/**
 * What a buyer's page asks for: its API calls (path, Authorization, X-User-Id), the grants it asks
 * the provider's token endpoint for, the calls the API refused as unauthenticated, and its visits
 * to the provider's logout. {@code signedOut} marks calls made after the sign-out button was pressed.
 */
async function recordCalls(buyer) {
  const issuer = await issuerOf(BASE_URL);
  const calls = { api: [], tokens: [], refused: [], logouts: [] };
  let signedOut = false;
  buyer.page.on("request", async (request) => {
    const url = new URL(request.url());
    if (request.url().startsWith(issuer)) {
      if (request.method() === "POST" && request.postData()) calls.tokens.push(new URLSearchParams(request.postData()).get("grant_type"));
      if (url.searchParams.has("post_logout_redirect_uri")) {
        signedOut = true;
        calls.logouts.push(url);
      }
      return;
    }
    if (url.origin !== new URL(BASE_URL).origin || request.resourceType() !== "fetch") return;
    const headers = await request.allHeaders();
    calls.api.push({ path: url.pathname, authorization: headers.authorization, userIdHeader: headers["x-user-id"], signedOut });
  });
  buyer.page.on("response", (response) => {
    if (response.status() === 401) calls.refused.push(new URL(response.url()).pathname);
  });
  return calls;
}

/**
 * Answers the app must not take: a code and state it did not ask for, and an ID token whose nonce
 * is another sign-in's (the token endpoint's answer changed on its way to the page). Both are
 * refused in words, leave the user signed out and the address clean.
 */
async function refusedSignIns(buyer) {
  const { page, context } = buyer;
  const refused = async (code) => {
    await expectAttribute(page.getByTestId("error"), "data-code", code);
    await expectAttribute(page.getByTestId("current-user"), "data-user", "");
    check(await page.getByTestId("sign-in").isVisible(), `${buyer.name} can still sign in after ${code}`);
    check(new URL(page.url()).search === "", `the refused answer is stripped from the address: ${page.url()}`);
  };
  await page.goto(BASE_URL + "/?code=forged&state=forged");
  await refused("STATE_MISMATCH");

  const issuer = await issuerOf(BASE_URL);
  const tokenEndpoint = (await (await fetch(issuer + "/.well-known/openid-configuration")).json()).token_endpoint;
  const anotherNonce = async (route) => {
    const response = await route.fetch();
    const tokens = await response.json();
    const [header, payload, signature] = tokens.id_token.split(".");
    const claims = Object.assign(JSON.parse(Buffer.from(payload, "base64url")), { nonce: "another-sign-in" });
    tokens.id_token = [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
    await route.fulfill({ response, json: tokens });
  };
  await context.route(tokenEndpoint, anotherNonce);
  await page.getByTestId("sign-in").click();
  const name = page.getByLabel("User name", { exact: true });
  await name.fill(buyer.name);
  await name.press("Enter");
  await refused("NONCE_MISMATCH");
  await context.unroute(tokenEndpoint, anotherNonce);
}

/** Clicks a button of the app and waits until its action has ended (the app disables it meanwhile). */
async function clickAndSettle(button) {
  await button.click();
  await expectAttribute(button, "disabled", null);
}

/** Changes the app's stored session in the page's tab, as time or the provider would have. */
async function alterSession(buyer, changes) {
  await buyer.page.evaluate((values) => {
    const session = JSON.parse(sessionStorage.getItem("signin.session"));
    sessionStorage.setItem("signin.session", JSON.stringify(Object.assign(session, values)));
  }, changes);
}

async function joinQueue(buyer) {
  const { page } = buyer;
  await page.getByTestId("concert-" + CONCERT).click();
  await expectAttribute(page.getByTestId("concert-" + CONCERT), "aria-pressed", "true");
  // Before joining: the queue board of the concert.
  await page.getByTestId("queue-board").waitFor({ state: "visible" });
  await expectAttribute(page.getByTestId("board-state"), "data-state", "OPEN");
  await expectText(page.getByTestId("board-waiting"), /^\d+$/);
  await expectText(page.getByTestId("board-active"), /^\d+ \/ 1/);
  await page.getByTestId("queue-join").click();
  await page.getByTestId("queue-panel").waitFor({ state: "visible" });
}

async function enterAndOpenFirstDate(buyer) {
  const { page } = buyer;
  await page.getByTestId("queue-enter").click();
  const firstDate = page.getByTestId("schedule-list").getByRole("button").first();
  await firstDate.waitFor();
  const scheduleId = (await firstDate.getAttribute("data-testid")).replace(/^schedule-/, "");
  await firstDate.click();
  await expectAttribute(firstDate, "aria-pressed", "true");
  await page.getByTestId("seat-50").waitFor();
  check(await page.getByTestId("seat-map").getByRole("button").count() === 50, "the seat map has 50 seats");
  return scheduleId;
}

/** The element is wholly on the screen (scrolled into view), not somewhere above or below it. */
async function inView(buyer, locator, what) {
  const box = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: window.innerHeight, width: window.innerWidth };
  });
  check(box.top >= 0 && box.bottom <= box.height && box.left >= 0 && box.right <= box.width,
    `${buyer.name} sees ${what} on the screen: ${JSON.stringify(box)}`);
}

/** The error is in the section of the button that caused it, in view, and the server's words are folded away. */
async function errorBeside(buyer, section, code) {
  const error = buyer.page.getByTestId("error");
  await error.waitFor({ state: "visible" });
  await expectAttribute(error, "data-code", code);
  check(await buyer.page.locator(section + " [data-testid=error]").count() === 1, `the ${code} error is shown in ${section}`);
  check(await error.getAttribute("role") === "alert", "the error is announced (role=alert)");
  check(await error.locator("details").evaluate((el) => !el.open), "the server's detail is folded under details");
  check(await error.locator("details p").isHidden(), "the server's detail is not shown until asked for");
  await inView(buyer, error, "the " + code + " error");
  return error;
}

async function noHorizontalScroll(buyer, when) {
  const overflow = await buyer.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `${buyer.name}'s page fits the screen ${when} (overflows by ${overflow}px)`);
}

async function main() {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  let alice;
  let bob;
  try {
    step("starting two browsers");
    // Alice on a phone-sized screen in Korean, Bob on a laptop in English.
    [alice, bob] = await Promise.all([
      openBuyer("alice", BASE_URL, { locale: "ko-KR", viewport: { width: 360, height: 740 }, deviceScaleFactor: 2,
        isMobile: true }),
      openBuyer("bob", BASE_URL, { locale: "en-GB", viewport: { width: 1000, height: 900 } })]);
    const aliceCalls = await recordCalls(alice);

    step("signing in through the development issuer (bob after two answers the app must refuse)");
    await Promise.all([signIn(alice, ALICE), refusedSignIns(bob).then(() => signIn(bob, "bob"))]);
    check(await alice.page.getByRole("heading", { level: 1 }).textContent() === "콘서트 예매", "Korean by default for ko-KR");
    check(await bob.page.getByRole("heading", { level: 1 }).textContent() === "Concert Reservation", "English for en-GB");
    await bob.page.locator("#user-section").screenshot({ path: path.join(SCREENSHOT_DIR, "signed-in.png") });
    // The language switch works both ways.
    await alice.page.getByTestId("lang-en").click();
    await expectText(alice.page.getByRole("heading", { level: 1 }), /^Concert Reservation$/);
    await alice.page.getByTestId("lang-ko").click();
    await expectText(alice.page.getByRole("heading", { level: 1 }), /^콘서트 예매$/);
    await expectAttribute(alice.page.getByTestId("lang-ko"), "aria-pressed", "true");

    step("alice joins the queue and is admitted");
    await joinQueue(alice);
    await expectAttribute(alice.page.getByTestId("queue-status"), "data-status", "ACTIVE");
    await alice.page.getByTestId("queue-enter").waitFor({ state: "visible" });
    await expectText(alice.page.getByTestId("queue-remaining"), /^\d\d:\d\d$/);

    step("bob joins and waits behind her");
    // Every status poll of bob's, and the pollAfterSeconds each answer asked for.
    const bobPolls = [];
    bob.page.on("request", (request) => {
      if (request.url().includes("/queue/status")) bobPolls.push({ sent: Date.now(), answered: null, after: null });
    });
    bob.page.on("response", async (response) => {
      if (!response.url().includes("/queue/status")) return;
      const poll = bobPolls.findLast((p) => p.answered === null);
      const body = await response.json().catch(() => ({}));
      if (poll) Object.assign(poll, { answered: Date.now(), after: body.pollAfterSeconds, status: body.status });
    });
    await joinQueue(bob);
    await expectAttribute(bob.page.getByTestId("queue-status"), "data-status", "WAITING");
    await expectAttribute(bob.page.getByTestId("queue-position"), "data-position", "1");
    await expectText(bob.page.getByTestId("queue-position"), /^#1$/);
    const waitingProgress = Number(await bob.page.getByTestId("queue-progress").getAttribute("value"));
    check(waitingProgress > 0 && waitingProgress < 100, "a waiting user's progress is between 0 and 100, got " + waitingProgress);
    check(await bob.page.getByTestId("queue-enter").isHidden(), "a waiting user cannot enter");
    await expectNoError(bob, "while waiting");
    await bob.page.locator("#queue-section").screenshot({ path: path.join(SCREENSHOT_DIR, "queue-waiting.png") });

    step("alice enters, picks the first date, picks seats " + ORDER.join(" and ") + " by keyboard and holds them together");
    const scheduleId = await enterAndOpenFirstDate(alice);
    const dateShown = (await alice.page.getByTestId("seat-schedule").textContent()).trim();
    const seat = alice.page.getByTestId("seat-" + SEAT);
    const next = alice.page.getByTestId("seat-" + (SEAT + 1));
    await expectAttribute(seat, "data-status", "AVAILABLE");
    await noHorizontalScroll(alice, "with the seat map open");
    const prices = await alice.page.getByTestId("seat-prices").locator("li").allTextContents();
    check(prices.length === 3 && prices[0].includes("150,000"), "the prices of the three sections are shown: " + prices);
    check(await alice.page.getByTestId("order-hold").isDisabled(), "nothing picked, nothing to hold");
    // The seat map is one tab stop; arrow keys walk the seats, Enter picks one.
    check(await alice.page.getByTestId("seat-map").locator('[tabindex="0"]').count() === 1, "one tab stop in the seat map");
    await alice.page.getByTestId("seat-1").focus();
    for (let i = 1; i < SEAT; i++) await alice.page.keyboard.press("ArrowRight");
    await expectAttribute(seat, "tabindex", "0");
    await alice.page.keyboard.press("Enter");
    await expectAttribute(seat, "aria-pressed", "true");
    await alice.page.keyboard.press("ArrowRight");
    await alice.page.keyboard.press("Space");
    await expectAttribute(next, "data-selected", "true");
    check(/선택함/.test(await next.getAttribute("aria-label")), "a picked seat is labelled as picked");
    await expectAttribute(alice.page.getByTestId("order-summary"), "data-seats", ORDER.join(","));
    await expectAttribute(alice.page.getByTestId("order-summary"), "data-total", String(PRICE));
    await expectText(alice.page.getByTestId("order-summary"), /300,000/);
    await alice.page.locator("#booking-section").screenshot({ path: path.join(SCREENSHOT_DIR, "seat-map-picked.png") });
    await alice.page.getByTestId("order-hold").focus();
    await alice.page.keyboard.press("Enter");
    await alice.page.getByTestId("hold-seat").waitFor({ state: "visible" });
    for (const held of [seat, next]) {
      await expectAttribute(held, "data-status", "HELD");
      await expectAttribute(held, "data-mine", "true");
    }
    check(/내가 선점함/.test(await seat.getAttribute("aria-label")), "the held seat is labelled as the user's own");
    await expectText(alice.page.getByTestId("hold-seat"), /7, 8번/);
    await expectText(alice.page.getByTestId("hold-countdown"), /^0[45]:\d\d$/);
    await expectText(alice.page.getByTestId("hold-price"), /300,000/);
    await expectText(alice.page.getByTestId("schedule-" + scheduleId), /48석 남음/);
    await expectAttribute(alice.page.getByTestId("order-summary"), "data-seats", "");
    await alice.page.locator("#booking-section").screenshot({ path: path.join(SCREENSHOT_DIR, "seat-map-held.png") });

    step("alice reloads the page: she is still signed in, and her hold is still there");
    const signIns = aliceCalls.tokens.length;
    await alice.page.reload();
    await expectAttribute(alice.page.getByTestId("hold-status"), "data-status", "HELD");
    await expectText(alice.page.getByTestId("hold-seat"), /7, 8번/);
    await expectAttribute(alice.page.getByTestId("current-user"), "data-user", ALICE);
    check(await alice.page.getByTestId("sign-in").isHidden(), "still signed in after the reload");
    check(aliceCalls.tokens.length === signIns, "the reload asked the provider for nothing: " + aliceCalls.tokens);

    step("alice's access token runs out, then the API refuses one: each time one refresh, and the call goes through");
    await alterSession(alice, { expiresAt: 0 });
    await clickAndSettle(alice.page.getByTestId("balance-refresh"));
    await expectAttribute(alice.page.getByTestId("balance"), "data-balance", "0");
    check(aliceCalls.tokens.filter((grant) => grant === "refresh_token").length === 1,
      "a token about to expire is refreshed before the call: " + aliceCalls.tokens);
    await alterSession(alice, { accessToken: "not-a-token" });
    const refused = aliceCalls.refused.length;
    await clickAndSettle(alice.page.getByTestId("balance-refresh"));
    check(aliceCalls.refused.length === refused + 1, "the API refused the bad token once: " + aliceCalls.refused);
    check(aliceCalls.tokens.filter((grant) => grant === "refresh_token").length === 2,
      "a refused token is refreshed once: " + aliceCalls.tokens);
    await expectNoError(alice, "after the refreshes");
    await expectAttribute(alice.page.getByTestId("current-user"), "data-user", ALICE);

    step("alice charges her balance, too little for her order");
    await alice.page.getByTestId("charge-amount").fill(String(SHORT));
    await alice.page.getByTestId("charge-button").click();
    await expectAttribute(alice.page.getByTestId("balance"), "data-balance", String(SHORT));
    await expectNoError(alice, "after charging");

    // Bob waits as long as alice's turn lasts: before she pays, his page has been answered WAITING
    // twice at its own pace, so the pacing checked once he is in has answers to go by, however
    // quickly this machine got alice this far.
    const waitedFrom = Date.now();
    while (bobPolls.filter((p) => p.status === "WAITING").length < 2) {
      check(Date.now() - waitedFrom < WAIT, "bob polled while waiting, before alice paid: " + JSON.stringify(bobPolls));
      await bob.page.waitForTimeout(100);
    }

    step("alice pays (by keyboard): first she is sent back to the queue, where her turn is still live");
    const pay = alice.page.getByTestId("pay-button");
    await pay.focus();
    await pay.press("Enter");
    await alice.page.getByTestId("error").waitFor({ state: "visible" });
    await expectText(alice.page.getByTestId("error"), /대기열/);
    await expectAttribute(alice.page.getByTestId("concert-" + CONCERT), "aria-pressed", "true");
    await alice.page.getByTestId("queue-join").press("Enter");
    await expectAttribute(alice.page.getByTestId("queue-status"), "data-status", "ACTIVE");

    step("alice's balance is too low: she is told so in Korean beside the pay button, amounts and all");
    await pay.focus();
    await pay.press("Enter");
    const tooLow = await errorBeside(alice, "#hold-section", "INSUFFICIENT_BALANCE");
    await expectText(tooLow.locator(".message-text"), /^잔액이 부족합니다\. 결제 금액은 300,000원이고 현재 잔액은 80,000원입니다/);
    await alice.page.screenshot({ path: path.join(SCREENSHOT_DIR, "insufficient-balance.png") });
    await alice.page.getByTestId("charge-amount").fill(String(TOP_UP - SHORT));
    await alice.page.getByTestId("charge-button").click();
    await expectAttribute(alice.page.getByTestId("balance"), "data-balance", String(TOP_UP));
    await expectNoError(alice, "after charging the rest");

    step("alice pays");
    await pay.focus();
    await pay.press("Enter");
    await alice.page.getByTestId("payment-result").waitFor({ state: "visible" });
    await expectAttribute(alice.page.getByTestId("balance"), "data-balance", String(TOP_UP - PRICE));
    const rows = alice.page.getByTestId("payments-list").locator("tr");
    await rows.first().waitFor();
    check(await rows.count() === 1, "one payment in the history");
    check(/^payment-.+/.test(await rows.first().getAttribute("data-testid")), "the payment row has its test id");
    const row = (await rows.first().textContent()) || "";
    check(row.includes(dateShown) && !row.includes(scheduleId) && row.includes("7, 8") && row.includes("300,000원"),
      `the payment row shows the date (${dateShown}), not the schedule id, both seats and the total: ` + row);
    await expectAttribute(alice.page.getByTestId("hold-status"), "data-status", "CONFIRMED");
    // Her payment spent her turn: the queue shows it, and nothing failed on the way.
    await expectAttribute(alice.page.getByTestId("queue-status"), "data-status", "EXPIRED");
    await expectText(alice.page.getByTestId("queue-status"), /^결제로 종료$/);
    await expectNoError(alice, "after paying");
    await noHorizontalScroll(alice, "after paying");
    const table = await alice.page.locator("#payments-section .table-wrap").evaluate((el) => el.scrollWidth - el.clientWidth);
    check(table <= 0, "the payment history fits a phone's width without scrolling sideways (overflow " + table + "px)");
    await alice.page.locator("#payments-section").screenshot({ path: path.join(SCREENSHOT_DIR, "payment-history.png") });

    step("bob is admitted after her and finds both seats sold");
    await expectAttribute(bob.page.getByTestId("queue-status"), "data-status", "ACTIVE");
    // While he waited, bob's page asked again only when each answer said to (pollAfterSeconds).
    const waitingPolls = bobPolls.filter((p) => p.status === "WAITING");
    check(waitingPolls.length >= 2, "bob polled while waiting: " + JSON.stringify(bobPolls));
    for (let i = 1; i < bobPolls.length; i++) {
      const previous = bobPolls[i - 1];
      if (previous.status !== "WAITING" || previous.answered === null) continue;
      const waited = bobPolls[i].sent - previous.answered;
      check(waited >= previous.after * 1000 - 250,
        `bob's poll ${i} came ${waited} ms after an answer that asked for ${previous.after} s`);
    }
    check(Number(await bob.page.getByTestId("queue-progress").getAttribute("value")) === 100, "an admitted user's progress is 100");
    const bobSchedule = await enterAndOpenFirstDate(bob);
    check(bobSchedule === scheduleId, `bob opens the same date (${bobSchedule} vs ${scheduleId})`);
    for (const seatNo of ORDER) {
      const sold = bob.page.getByTestId("seat-" + seatNo);
      await expectAttribute(sold, "data-status", "SOLD");
      await expectAttribute(sold, "data-mine", "false");
      await expectAttribute(sold, "aria-disabled", "true");
      check(/Sold/.test(await sold.getAttribute("aria-label")), "the sold seat is labelled as sold");
    }
    check(await bob.page.getByTestId("seat-map").locator('[data-status="AVAILABLE"]').count() === 48, "48 seats left for bob");
    await expectText(bob.page.getByTestId("schedule-" + scheduleId), /48 left/);
    // A sold seat cannot be picked: pressing it changes nothing.
    await bob.page.getByTestId("seat-" + SEAT).press("Enter");
    await expectAttribute(bob.page.getByTestId("order-summary"), "data-seats", "");
    await expectNoError(bob, "on the seat map");

    step("bob holds the two seats next to them, then gives the hold up");
    const bobs = (seatNo) => bob.page.getByTestId("seat-" + seatNo);
    await bobs(9).click();
    await bobs(10).click();
    await expectText(bob.page.getByTestId("order-summary"), /2 picked: seats 9, 10/);
    await bob.page.getByTestId("order-hold").click();
    await expectAttribute(bobs(9), "data-mine", "true");
    await expectAttribute(bobs(10), "data-mine", "true");
    await expectText(bob.page.getByTestId("hold-seat"), /seats 9, 10/);
    await expectText(bob.page.getByTestId("schedule-" + scheduleId), /46 left/);
    await bob.page.getByTestId("release-button").click();
    await expectAttribute(bob.page.getByTestId("hold-status"), "data-status", "RELEASED");
    await expectAttribute(bobs(9), "data-status", "AVAILABLE");
    await expectAttribute(bobs(10), "data-status", "AVAILABLE");
    await expectText(bob.page.getByTestId("schedule-" + scheduleId), /48 left/);
    check(await bob.page.getByTestId("release-button").isHidden(), "nothing left to give up");
    await expectNoError(bob, "after giving up");

    step("bob holds four seats, the most one order has; a fifth is refused at the ticket limit");
    for (const seatNo of [9, 10, 11, 12]) await bobs(seatNo).click();
    await bobs(13).click();
    await expectAttribute(bobs(13), "data-selected", "false");
    await expectText(bob.page.getByTestId("notice"), /at most 4 seats/);
    await expectText(bob.page.getByTestId("order-summary"), /4 picked: seats 9, 10, 11, 12/);
    await bob.page.getByTestId("order-hold").click();
    await expectAttribute(bobs(12), "data-mine", "true");
    await expectText(bob.page.getByTestId("schedule-" + scheduleId), /44 left/);
    await bobs(13).click();
    await bob.page.getByTestId("order-hold").click();
    const limit = await errorBeside(bob, "#booking-section", "TICKET_LIMIT");
    await expectText(limit.locator(".message-text"), /at most 4 seats of this concert \(you have 4\)\. Pay for your hold or give it up/);
    await expectAttribute(bobs(13), "data-status", "AVAILABLE");
    await expectText(bob.page.getByTestId("hold-seat"), /seats 9, 10, 11, 12/);
    await bob.page.locator("#booking-section").screenshot({ path: path.join(SCREENSHOT_DIR, "seat-map.png") });
    await bob.page.screenshot({ path: path.join(SCREENSHOT_DIR, "bob-page.png"), fullPage: true });
    await alice.page.screenshot({ path: path.join(SCREENSHOT_DIR, "alice-page.png"), fullPage: true });

    step("alice signs out: the provider's logout sends her back to the app, signed out, and a reload keeps her so");
    await alice.page.getByTestId("sign-out").click();
    await alice.page.getByTestId("sign-in").waitFor({ state: "visible" });
    await expectAttribute(alice.page.getByTestId("current-user"), "data-user", "");
    await expectText(alice.page.getByTestId("notice"), /로그아웃했습니다/);
    check(aliceCalls.logouts.length === 1 && aliceCalls.logouts[0].searchParams.get("post_logout_redirect_uri") === BASE_URL + "/",
      "she went through the provider's logout, which was told to send her back: " + aliceCalls.logouts.join(", "));
    check(new URL(alice.page.url()).search === "", "the logout's state is stripped from the address: " + alice.page.url());
    check(await alice.page.locator("#wallet-section").isHidden(), "no balance once signed out");
    await alice.page.reload();
    await alice.page.getByTestId("concert-" + CONCERT).waitFor();
    await alice.page.getByTestId("sign-in").waitFor({ state: "visible" });
    await expectAttribute(alice.page.getByTestId("current-user"), "data-user", "");
    const left = await alice.page.evaluate(() => Object.keys(sessionStorage));
    check(left.every((key) => key === "signin.discovery"), "nothing of the session is left in the tab (but the provider's discovery): " + left);
    const callsSignedOut = aliceCalls.api.filter((call) => call.signedOut);
    check(callsSignedOut.every((call) => !call.authorization), "no token after signing out: " + JSON.stringify(callsSignedOut));

    // Every call carried a bearer token or, signed out, nothing: never a user id of its own.
    check(aliceCalls.api.every((call) => call.userIdHeader === undefined), "no call sends X-User-Id");
    const userCalls = aliceCalls.api.filter((call) => call.path.startsWith("/users/") || call.path.startsWith("/reservations")
      || call.path.startsWith("/payments") || call.path.endsWith("/queue/tokens") || call.path.startsWith("/queue/"));
    check(userCalls.length > 5 && userCalls.every((call) => call.signedOut || /^Bearer .+/.test(call.authorization)),
      "every call of a signed-in user carries her access token: " + JSON.stringify(userCalls.filter((c) => !c.authorization)));

    const problems = [...alice.problems, ...bob.problems];
    check(problems.length === 0, problems.join("; "));
    step("done: screenshots in " + SCREENSHOT_DIR);
  } catch (error) {
    await failureScreenshots([alice, bob], SCREENSHOT_DIR);
    throw error;
  } finally {
    await closeBuyer(alice);
    await closeBuyer(bob);
  }
}

runMain(main);
