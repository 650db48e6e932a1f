// The life of a sale in a real browser: a pre-queue opening with its public draw, and a sell-out
// that ends closed. Drives the web app served by a running local runtime with Debian's chromium
// through playwright-core; the other users of the sell-out are plain HTTP clients.
//
//   BASE_URL=http://127.0.0.1:3000 SCREENSHOT_DIR=local/target/screenshots/sale PRE_QUEUE_CONCERT=dawn-draw \
//   OPENS_AT=2026-11-29T13:00:00Z SELL_OUT_CONCERT=last-seats SELL_OUT_DATE=last-seats-1 SELL_OUT_PRICE=10000 \
//   SELL_OUT_ORDER=10 node local/src/test/browser/sale.mjs
//
// The runtime admits one user at a time (QUEUE_MAX_ACTIVE=1), runs its scheduler every second, and
// lets one order and one user have SELL_OUT_ORDER seats (MAX_SEATS_PER_ORDER, MAX_TICKETS_PER_USER).
// PRE_QUEUE_CONCERT's sale opens at OPENS_AT, far enough ahead for two browsers to start and join
// before it: Alice (Korean, phone) and Bob (English) see the countdown and the published commitment,
// join the pre-queue ("the draw happens at opening"), and, once the sale has opened, see the place
// the draw gave them (one at the front and admitted, the other waiting), the published seed checked
// against the commitment in the browser, and their own entry of the paged draw, which this script
// recomputes with node's own HMAC. While that sale is still upcoming, SELL_OUT_CONCERT (one date of
// 50 seats at SELL_OUT_PRICE) sells out: users buy SELL_OUT_ORDER seats each, one after the other,
// and the last of them holds the last seats without paying yet; Carol finds the sold-out screen (held seats may come back), joins and keeps a place; the
// last holder pays, every seat is sold, the sale closes, and Carol's page shows the closed screen.
// With MOVABLE_CLOCK=true (BrowserTest, whose runtime runs on a clock it moves on request) the
// script skips what is left of the wait for the opening: it moves the runtime's clock and the
// browsers' forward together. Without it, it waits for the opening.
// Exits non-zero on the first failed expectation. BrowserTest runs it during `mvn verify`.
import { createHash, createHmac } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import {
  WAIT, askTest, check, closeBuyer, expectAttribute, expectNoError, expectText, failureScreenshots, openBuyer, requiredEnv, runMain,
  signIn, step,
} from "./browsing.mjs";

const BASE_URL = requiredEnv("BASE_URL").replace(/\/+$/, "");
const SCREENSHOT_DIR = path.resolve(requiredEnv("SCREENSHOT_DIR"));
const PRE_QUEUE = requiredEnv("PRE_QUEUE_CONCERT");
const OPENS_AT = Date.parse(requiredEnv("OPENS_AT"));
const SELL_OUT = requiredEnv("SELL_OUT_CONCERT");
const SELL_OUT_DATE = requiredEnv("SELL_OUT_DATE");
const SELL_OUT_PRICE = Number(requiredEnv("SELL_OUT_PRICE"));
const SEATS = 50;
const ORDER = Number(requiredEnv("SELL_OUT_ORDER")); // seats per order and per user
const HEX64 = /^[0-9a-f]{64}$/;
const MOVABLE_CLOCK = process.env.MOVABLE_CLOCK === "true";
const BOB_BEHIND = 5 * 60 * 1000;

/** How far the runtime's and the browsers' clocks were moved ahead of this machine's. */
let skipped = 0;
/** The time of the runtime and the browsers, against which the opening is due. */
const now = () => Date.now() + skipped;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A plain HTTP call of the API as user {@code user}; resolves to {status, body}. */
async function call(method, apiPath, { user, token, json } = {}) {
  const headers = { Accept: "application/json" };
  if (user) headers["X-User-Id"] = user;
  if (token) headers["X-Queue-Token"] = token;
  if (json) headers["Content-Type"] = "application/json";
  const response = await fetch(BASE_URL + apiPath, { method, headers, body: json ? JSON.stringify(json) : undefined });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function expectCall(status, method, apiPath, options) {
  const reply = await call(method, apiPath, options);
  check(reply.status === status, `${method} ${apiPath} answers ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

const concertOf = async (concertId) => (await expectCall(200, "GET", "/concerts?limit=100")).concerts
  .find((concert) => concert.concertId === concertId);

/** Picks the concert and waits for its queue board. */
async function pick(buyer, concertId) {
  const { page } = buyer;
  await page.getByTestId("concert-" + concertId).click();
  await expectAttribute(page.getByTestId("concert-" + concertId), "aria-pressed", "true");
  await page.getByTestId("queue-board").waitFor({ state: "visible" });
}

// ---- the pre-queue -----------------------------------------------------------------------------

async function joinThePreQueue(buyer, preQueueText) {
  const { page } = buyer;
  await pick(buyer, PRE_QUEUE);
  await expectAttribute(page.getByTestId("board-state"), "data-state", "UPCOMING");
  await expectAttribute(page.getByTestId("sale-panel"), "data-state", "UPCOMING");
  const first = Number(await expectAttribute(page.getByTestId("sale-countdown"), "data-seconds-left", /^\d+$/));
  // Whole seconds rounded up, redrawn every 250 ms: at a second's turn the reading may be a tick old.
  // By the server's clock, whatever the phone's says (the Date header counts whole seconds: a little slack below).
  check(first > 0 && first <= Math.ceil((OPENS_AT - now()) / 1000) + 1 && first >= Math.floor((OPENS_AT - now()) / 1000) - 3,
    `${buyer.name}'s countdown shows the time to the opening: ${first} s, by the server's clock ${Math.round((OPENS_AT - now()) / 1000)} s`);
  await expectText(page.getByTestId("sale-countdown"), /^\d\d:\d\d:\d\d$/);
  // It counts down by itself, without a request.
  await expectAttribute(page.getByTestId("sale-countdown"), "data-seconds-left", (value) => Number(value) < first, 5000);
  const commitment = await expectText(page.getByTestId("draw-commitment"), HEX64);
  await expectAttribute(page.getByTestId("draw-seed"), "data-seed", "");
  check((await page.getByTestId("draw-link").getAttribute("href")).endsWith(`/concerts/${PRE_QUEUE}/queue/draw`),
    "the page links the draw's endpoint");
  check(now() < OPENS_AT - 2000, `${buyer.name} joins before the opening (the runtime was started too late: raise the lead time)`);
  await page.getByTestId("queue-join").click();
  await expectAttribute(page.getByTestId("queue-status"), "data-status", "WAITING");
  await expectAttribute(page.getByTestId("queue-position"), "data-position", "");
  await expectText(page.getByTestId("queue-position"), preQueueText);
  await expectNoError(buyer, "in the pre-queue");
  return commitment;
}

/** After the opening: the place the draw gave, the seed checked against the commitment, the caller's entry. */
async function seeTheDraw(buyer) {
  const { page } = buyer;
  const until = Math.max(OPENS_AT + 45000 - now(), WAIT);
  const place = Number(await expectAttribute(page.getByTestId("draw-place"), "data-position", /^\d+$/, until));
  await expectAttribute(page.getByTestId("draw-seed"), "data-seed", HEX64);
  await expectAttribute(page.getByTestId("draw-check"), "data-verified", "true");
  await page.getByTestId("draw-find").click();
  const entry = page.getByTestId("draw-entry");
  await expectAttribute(entry, "data-verified", "true");
  return {
    buyer,
    place,
    drawn: Number(await entry.getAttribute("data-place")),
    receiptId: await entry.getAttribute("data-receipt"),
    hmac: await entry.getAttribute("data-hmac"),
    seed: await page.getByTestId("draw-seed").getAttribute("data-seed"),
    status: await page.getByTestId("queue-status").getAttribute("data-status"),
    position: await page.getByTestId("queue-position").getAttribute("data-position"),
  };
}

/**
 * A buyer whose browser's clock (Date, timers) this script can move along with the runtime's;
 * {@code behindMs}: a phone whose clock is that far behind the server's.
 */
async function openTimedBuyer(name, options, behindMs = 0) {
  const buyer = await openBuyer(name, BASE_URL, options);
  // Before the app loads; it then runs with this machine's time (less behindMs).
  await buyer.context.clock.install({ time: Date.now() - behindMs });
  // The app keeps time by the server's clock (its answers' Date header), but the runtime's HTTP server
  // stamps Date with this machine's time, not with the moved clock it runs on: the API's answers
  // reaching the page carry the runtime's time, as a server's Date says its own.
  const origin = new URL(BASE_URL).origin;
  await buyer.context.route((url) => url.origin === origin, async (route) => {
    if (route.request().resourceType() !== "fetch") return route.continue();
    try {
      const response = await route.fetch({ maxRedirects: 0 });
      await route.fulfill({ response, headers: Object.assign(response.headers(), { date: new Date(now()).toUTCString() }) });
    } catch (error) {
      // The journey is over and the browser closed while an answer was on its way (a poll).
      if (!/disposed|closed/i.test(String(error && error.message))) throw error;
    }
  });
  return buyer;
}

/**
 * Instead of waiting for the opening, moves the runtime's clock to it, then each browser's by as
 * much: as after a laptop's lid was shut for that long, the timers due meanwhile fire once, so the
 * countdown ends and the pages ask for their place as they would at a real opening.
 */
async function skipToTheOpening(buyers) {
  const ahead = Math.ceil(OPENS_AT - now());
  if (!MOVABLE_CLOCK || ahead <= 0) return;
  await askTest("advance-clock " + ahead);
  skipped += ahead;
  for (const buyer of buyers) await buyer.context.clock.fastForward(ahead);
  step(`the clocks skipped ${(ahead / 1000).toFixed(1)} s to the opening`);
}

// ---- the sell-out ------------------------------------------------------------------------------

/** Users who join the sell-out's queue now, each to buy one block of seats when admitted. */
async function joinHolders(count) {
  const holders = [];
  for (let i = 1; i <= count; i++) {
    const user = "holder-" + i;
    const token = await expectCall(201, "POST", `/concerts/${SELL_OUT}/queue/tokens`, { user });
    holders.push({ user, token: token.token });
  }
  return holders;
}

/** The holder admitted next (one at a time: QUEUE_MAX_ACTIVE=1). */
async function nextAdmitted(holders) {
  const deadline = Date.now() + WAIT;
  while (Date.now() < deadline) {
    for (const holder of holders) {
      const status = await expectCall(200, "GET", "/queue/status", { user: holder.user, token: holder.token });
      if (status.status === "ACTIVE") return holder;
    }
    await sleep(300);
  }
  throw new Error("nobody of " + holders.map((h) => h.user).join(", ") + " was admitted");
}

async function hold(holder, seatNos) {
  const reservation = await expectCall(201, "POST", "/reservations", { user: holder.user, token: holder.token,
    json: { concertId: SELL_OUT, scheduleId: SELL_OUT_DATE, seatNos } });
  return Object.assign(holder, { reservationId: reservation.reservationId, price: reservation.price });
}

async function pay(holder) {
  await expectCall(200, "POST", "/users/me/balance/charges", { user: holder.user, json: { amount: holder.price } });
  await expectCall(201, "POST", "/payments", { user: holder.user, token: holder.token, json: { reservationId: holder.reservationId } });
}

/** Every seat sold but the last ones, which the last user holds: resolves to that user. */
async function sellOutButTheLastHold() {
  const blocks = Math.ceil(SEATS / ORDER);
  const waiting = await joinHolders(blocks);
  for (let block = 0; ; block++) {
    const holder = await nextAdmitted(waiting);
    waiting.splice(waiting.indexOf(holder), 1);
    const seatNos = Array.from({ length: Math.min(ORDER, SEATS - block * ORDER) }, (_, i) => block * ORDER + i + 1);
    await hold(holder, seatNos);
    if (block === blocks - 1) return holder;
    await pay(holder); // the payment ends the turn: the next one is admitted
  }
}

async function main() {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  let alice;
  let bob;
  let carol;
  // Plain HTTP users start selling out the other concert at once, while the browsers start.
  step(`the other concert starts selling out: users buy ${ORDER} seats each, the last one holds the last seats`);
  const sellingOut = sellOutButTheLastHold();
  sellingOut.catch(() => {}); // its failure is reported where it is awaited
  try {
    step("two browsers sign in before the pre-queue concert's sale opens");
    [alice, bob] = await Promise.all([
      openTimedBuyer("alice", { locale: "ko-KR", viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true }),
      // Bob's phone is five minutes slow: his countdown and his page's opening go by the server's clock all the same.
      openTimedBuyer("bob", { locale: "en-GB", viewport: { width: 1000, height: 900 } }, BOB_BEHIND)]);
    await Promise.all([signIn(alice, BASE_URL, "alice", PRE_QUEUE), signIn(bob, BASE_URL, "bob", PRE_QUEUE)]);

    step("both see the countdown and the commitment, and join the pre-queue");
    const listed = await concertOf(PRE_QUEUE);
    check(listed.saleState === "UPCOMING" && listed.drawSeed === null, "the sale is upcoming, its seed unpublished");
    const commitment = await joinThePreQueue(alice, /^사전 대기열: 판매 시작 때 추첨$/);
    check(commitment === listed.drawCommitment, "the page shows the listed commitment");
    check(await joinThePreQueue(bob, /^In the pre-queue: the draw happens at opening$/) === commitment, "one commitment");
    await expectText(bob.page.getByTestId("queue-eta"), /^after the opening$/);
    await expectText(bob.page.getByTestId("sale-title"), /^The sale opens in$/);
    // The opening's hour as the venue's clocks show it (Korea's: the concert names no zone of its own).
    const opening = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Asia/Seoul" })
      .format(new Date(OPENS_AT));
    await expectText(bob.page.getByTestId("sale-text"), new RegExp(`opens at .*${opening} GMT\\+9\\. `));
    await alice.page.locator("#queue-section").screenshot({ path: path.join(SCREENSHOT_DIR, "pre-queue.png") });
    const early = await call("GET", `/concerts/${PRE_QUEUE}/queue/draw`);
    check(early.status === 409 && early.body.code === "DRAW_NOT_OPEN", "no draw before the opening: " + JSON.stringify(early));

    carol = await openTimedBuyer("carol", { locale: "en-GB", viewport: { width: 1000, height: 900 } });
    await signIn(carol, BASE_URL, "carol", SELL_OUT);
    const last = await sellingOut;
    step("the other concert is sold out: " + last.user + " holds its last seats");

    step("carol finds the sold-out screen: held seats may come back; she joins and keeps a place");
    await pick(carol, SELL_OUT);
    await expectAttribute(carol.page.getByTestId("sale-panel"), "data-state", "SOLD_OUT");
    await expectText(carol.page.getByTestId("sale-title"), /^Sold out for now$/);
    await expectText(carol.page.getByTestId("sale-text"), /held by people who have not paid yet and may come back/);
    await expectText(carol.page.getByTestId("sale-text"), /you keep your place/);
    check(await carol.page.getByTestId("queue-join").isVisible(), "a sold-out sale still takes joins");
    await carol.page.getByTestId("queue-join").click();
    await expectAttribute(carol.page.getByTestId("queue-status"), "data-status", "WAITING");
    await expectAttribute(carol.page.getByTestId("queue-position"), "data-position", /^[1-9]\d*$/);
    await expectAttribute(carol.page.getByTestId("sale-panel"), "data-state", "SOLD_OUT");
    await expectNoError(carol, "in a sold-out sale");
    await carol.page.locator("#queue-section").screenshot({ path: path.join(SCREENSHOT_DIR, "sold-out.png") });

    step("the last holder pays: every seat is sold, the sale closes, carol's page shows it");
    await pay(last);
    await expectAttribute(carol.page.getByTestId("queue-status"), "data-status", "CLOSED");
    await expectAttribute(carol.page.getByTestId("sale-panel"), "data-state", "CLOSED");
    await expectText(carol.page.getByTestId("sale-text"), /every seat is sold, or the organiser closed it/);
    await expectText(carol.page.getByTestId("queue-status"), /^Sale closed$/);
    check(await carol.page.getByTestId("queue-join").isHidden(), "a closed sale offers no join");
    await expectNoError(carol, "in a closed sale");
    await carol.page.locator("#queue-section").screenshot({ path: path.join(SCREENSHOT_DIR, "closed.png") });
    const refused = await call("POST", `/concerts/${SELL_OUT}/queue/tokens`, { user: "dave" });
    check(refused.status === 409 && refused.body.code === "SALE_CLOSED", "a join is refused: " + JSON.stringify(refused));
    // A page loaded afresh shows the closed screen too, from the listing and the board.
    await carol.page.reload();
    await pick(carol, SELL_OUT);
    await expectAttribute(carol.page.getByTestId("sale-panel"), "data-state", "CLOSED");
    await expectAttribute(carol.page.getByTestId("queue-join"), "hidden", "");

    await skipToTheOpening([alice, bob, carol]);
    step("the pre-queue's sale opens: each page shows the place the draw gave, the seed, and its own entry");
    const seen = { alice: await seeTheDraw(alice), bob: await seeTheDraw(bob) };
    const draw = await expectCall(200, "GET", `/concerts/${PRE_QUEUE}/queue/draw?limit=1000`);
    check(HEX64.test(draw.drawSeed), "the seed is published");
    check(createHash("sha256").update(Buffer.from(draw.drawSeed, "hex")).digest("hex") === commitment,
      "the seed is the one committed to before the opening");
    check(draw.entries.length === 2 && draw.nextCursor === null, "the pre-queue was alice and bob: " + JSON.stringify(draw));
    for (const [name, page] of Object.entries(seen)) {
      check(page.seed === draw.drawSeed, `${name}'s page shows the published seed`);
      const entry = draw.entries[page.drawn - 1];
      check(entry && entry.receiptId === page.receiptId && entry.hmac === page.hmac,
        `${name}'s entry #${page.drawn} is the draw's: ${page.receiptId} ${page.hmac} vs ${JSON.stringify(draw.entries)}`);
      const hmac = createHmac("sha256", Buffer.from(draw.drawSeed, "hex")).update(page.receiptId, "utf8").digest("hex");
      check(hmac === page.hmac, `${name}'s HMAC recomputes from the seed`);
      // One user is admitted at a time: the first drawn is in at once (a poll between the round's
      // placing and admitting may see it placed first), the second waits with a place.
      if (page.drawn === 1) {
        check(page.place <= 1, `${name}, drawn first, is placed at the front: ${page.place}`);
        await expectAttribute(page.buyer.page.getByTestId("queue-status"), "data-status", "ACTIVE");
      } else {
        check(page.place >= 1 && page.status === "WAITING" && Number(page.position) >= 1,
          `${name}, drawn second, waits with a place: ${page.place}, ${page.status}, ${page.position}`);
      }
    }
    check(seen.alice.drawn + seen.bob.drawn === 3, "alice and bob were drawn first and second");
    const waiter = seen.alice.drawn === 2 ? alice : bob;
    await expectAttribute(waiter.page.getByTestId("sale-panel"), "data-state", "OPEN");
    await waiter.page.locator("#queue-section").screenshot({ path: path.join(SCREENSHOT_DIR, "draw.png") });
    for (const buyer of [alice, bob, carol]) await expectNoError(buyer, "at the end");

    const problems = [alice, bob, carol].flatMap((buyer) => buyer.problems);
    check(problems.length === 0, problems.join("; "));
    step("done: screenshots in " + SCREENSHOT_DIR);
  } catch (error) {
    await failureScreenshots([alice, bob, carol], SCREENSHOT_DIR);
    throw error;
  } finally {
    await closeBuyer(alice);
    await closeBuyer(bob);
    await closeBuyer(carol);
  }
}

runMain(main);
