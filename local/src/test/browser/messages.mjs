// The web app's message table (webapp/messages.js) in node, without a browser: prints the keys it
// has for each language as JSON on its last line, after checking messages that depend on the
// situation. WebAppMessagesTest compares the keys with openapi.yaml's problem codes.
//
//   node local/src/test/browser/messages.mjs
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const here = path.dirname(fileURLToPath(import.meta.url));
const context = vm.createContext({ Intl });
vm.runInContext(await readFile(path.join(here, "../../../../webapp/messages.js"), "utf8"), context);
const { PROBLEMS, problem } = context.ConcertMessages;

function expect(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}:\n  expected ${expected}\n  got      ${actual}`);
  console.log("ok " + what);
}

// Seats paid already and no hold: how many more, not "pay for your hold".
expect(problem("en", "TICKET_LIMIT", { limit: 4, tickets: 2, holding: false }),
  "One person may buy at most 4 seats of this concert, and you have bought 2. You can add 2 more.", "ticket limit without a hold, English");
expect(problem("ko", "TICKET_LIMIT", { limit: 4, tickets: 2, holding: false }),
  "이 공연은 한 사람이 최대 4석까지 살 수 있고, 이미 2석을 샀습니다. 2석까지 더 고를 수 있습니다.", "ticket limit without a hold, Korean");
expect(problem("en", "TICKET_LIMIT", { limit: 4, tickets: 4, holding: false }),
  "One person may buy at most 4 seats of this concert, and you have bought 4. You cannot add more.", "ticket limit reached without a hold");
expect(problem("en", "TICKET_LIMIT", { limit: 4, tickets: 4, holding: true }),
  "One person may hold and buy at most 4 seats of this concert (you have 4). Pay for your hold or give it up, then pick again.",
  "ticket limit with a hold");
// Amounts in the language's form (Intl puts a no-break space after "KRW").
expect(problem("ko", "INSUFFICIENT_BALANCE", { price: 220000, balance: 1500 }),
  "잔액이 부족합니다. 결제 금액은 220,000원이고 현재 잔액은 1,500원입니다. 충전한 뒤 다시 결제하세요.", "insufficient balance, Korean");
expect(problem("en", "INSUFFICIENT_BALANCE", { price: 220000 }),
  "Your balance is too low: the order costs KRW\u00a0220,000. Charge your balance, then pay again.", "insufficient balance, balance unknown");
expect(problem("en", "BALANCE_LIMIT", {}), "A balance may be at most KRW\u00a0100,000,000. Charge a smaller amount.", "balance limit");
expect(problem("en", "SEAT_UNAVAILABLE", { seatNos: [7, 8] }), "Seats 7, 8 were just taken by someone else. Pick other seats.", "seats taken");
// API Gateway's own answers, and a status no table names.
expect(problem("ko", "HTTP_429", { status: 429 }), "지금 요청이 너무 많습니다. 잠시 후 다시 시도하세요.", "gateway throttling, Korean");
expect(problem("en", "HTTP_502", { status: 502 }), "The request failed (HTTP 502). Try again in a moment.", "another status");
expect(problem("en", "SOMETHING_NEW", { status: 409 }), "The request failed (HTTP 409). Try again in a moment.", "an unknown code is not shown in the server's words");

// No template keeps a {placeholder} its code's values fill.
for (const lang of Object.keys(PROBLEMS)) {
  for (const code of Object.keys(PROBLEMS[lang])) {
    const text = problem(lang, code.split(".")[0], { status: 400, price: 1000, balance: 10, seatNos: [1], limit: 4, tickets: 1, url: "x" });
    if (/\{\w+\}/.test(text)) throw new Error(`${lang} ${code} leaves a placeholder: ${text}`);
  }
}
console.log(JSON.stringify(Object.fromEntries(Object.entries(PROBLEMS).map(([lang, table]) => [lang, Object.keys(table)]))));
