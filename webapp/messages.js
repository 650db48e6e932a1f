/*
 * What the fan reads when the API refuses something: one message in Korean and English for every
 * problem `code` of openapi.yaml (ErrorCode), and for API Gateway's own answers, which carry only
 * {"message"} (HTTP_401, HTTP_403, HTTP_404, HTTP_429). The server's English `detail` is not the
 * message: the app shows it only under "details".
 *
 * Loaded by the page before app.js (window.ConcertMessages) and by a node test, which fails when
 * openapi.yaml gains a code this table cannot say (WebAppMessagesTest).
 *
 * A template's {name} takes a value of the problem (seatNos, limit, tickets) or one the app knows
 * (price, balance, max); numbers are formatted for the language, amounts as KRW.
 */
(function (root) {
  "use strict";

  const PROBLEMS = {
    ko: {
      VALIDATION_FAILED: "요청 내용이 올바르지 않습니다. 입력한 값을 확인하세요.",
      UNAUTHENTICATED: "로그인이 필요합니다. 다시 로그인하세요.",
      TOKEN_INVALID: "대기열 순서가 유효하지 않습니다. 대기열에 다시 입장하세요.",
      TOKEN_EXPIRED: "대기열 이용 시간이 끝났습니다. 대기열에 다시 입장하세요.",
      TOKEN_NOT_ACTIVE: "아직 입장 순서가 아닙니다. 순서가 오면 입장할 수 있습니다.",
      TOKEN_FORBIDDEN: "이 대기열 순서로는 할 수 없는 요청입니다. 이 공연의 대기열에 입장하세요.",
      INSUFFICIENT_SCOPE: "이 작업을 할 권한이 없습니다.",
      ROUTE_NOT_FOUND: "요청한 기능을 찾을 수 없습니다. 앱을 새로고침하세요.",
      CONCERT_NOT_FOUND: "공연을 찾을 수 없습니다. 목록을 새로고침하세요.",
      SCHEDULE_NOT_FOUND: "공연 날짜를 찾을 수 없습니다. 날짜 목록을 새로고침하세요.",
      RESERVATION_NOT_FOUND: "선점 기록을 찾을 수 없습니다.",
      SEAT_UNAVAILABLE: "{seatNos}번 좌석은 방금 다른 사람이 선점했거나 판매되었습니다. 다른 좌석을 고르세요.",
      "SEAT_UNAVAILABLE.none": "고른 좌석 중 이미 선점되었거나 판매된 좌석이 있습니다. 다른 좌석을 고르세요.",
      TICKET_LIMIT: "이 공연은 한 사람이 최대 {limit}석까지 선점하고 구매할 수 있습니다 (지금 {tickets}석). 선점한 좌석을 결제하거나 포기한 뒤 다시 고르세요.",
      "TICKET_LIMIT.more": "이 공연은 한 사람이 최대 {limit}석까지 살 수 있고, 이미 {tickets}석을 샀습니다. {more}석까지 더 고를 수 있습니다.",
      "TICKET_LIMIT.none": "이 공연은 한 사람이 최대 {limit}석까지 살 수 있고, 이미 {tickets}석을 샀습니다. 더 고를 수 없습니다.",
      HOLD_EXPIRED: "선점 시간이 지나 좌석이 풀렸습니다. 좌석을 다시 고르세요.",
      ALREADY_PAID: "이미 결제한 선점입니다. 결제 내역을 확인하세요.",
      INSUFFICIENT_BALANCE: "잔액이 부족합니다. 결제 금액은 {price}이고 현재 잔액은 {balance}입니다. 충전한 뒤 다시 결제하세요.",
      "INSUFFICIENT_BALANCE.price": "잔액이 부족합니다. 결제 금액은 {price}입니다. 충전한 뒤 다시 결제하세요.",
      BALANCE_LIMIT: "잔액은 최대 {max}까지 가질 수 있습니다. 더 적은 금액을 충전하세요.",
      IDEMPOTENCY_KEY_REUSED: "같은 요청이 다른 내용으로 다시 보내졌습니다. 새로고침한 뒤 다시 시도하세요.",
      SALE_CLOSED: "판매가 종료되어 대기열에 들어갈 수 없습니다.",
      DRAW_NOT_OPEN: "추첨 결과는 판매 시작 후에 공개됩니다.",
      PAYLOAD_TOO_LARGE: "요청이 너무 큽니다.",
      UNSUPPORTED_MEDIA_TYPE: "요청 형식이 올바르지 않습니다. 앱을 새로고침하세요.",
      TOO_MANY_REQUESTS: "요청이 너무 많습니다. 잠시 후 다시 시도하세요.",
      INTERNAL: "서버에 문제가 생겼습니다. 잠시 후 다시 시도하세요.",
      UNAVAILABLE: "서버가 잠시 바쁩니다. 잠시 후 다시 시도하세요.",
      // API Gateway's own answers (no code).
      HTTP_401: "로그인이 만료되었거나 유효하지 않습니다. 다시 로그인하세요.",
      HTTP_403: "이 요청은 허용되지 않습니다.",
      HTTP_404: "요청한 주소를 찾을 수 없습니다. 연결 설정의 API 주소를 확인하세요.",
      HTTP_429: "지금 요청이 너무 많습니다. 잠시 후 다시 시도하세요.",
      HTTP: "요청이 실패했습니다 (HTTP {status}). 잠시 후 다시 시도하세요.",
      NETWORK: "API에 연결할 수 없습니다 ({url}). 인터넷 연결을 확인하세요.",
      details: "자세히",
    },
    en: {
      VALIDATION_FAILED: "Something in the request is not right. Check what you entered.",
      UNAUTHENTICATED: "You need to sign in. Sign in again.",
      TOKEN_INVALID: "Your place in the queue is not valid. Join the queue again.",
      TOKEN_EXPIRED: "Your turn in the queue has ended. Join the queue again.",
      TOKEN_NOT_ACTIVE: "It is not your turn yet. You can go in once it is.",
      TOKEN_FORBIDDEN: "Your place in the queue does not allow this. Join this concert's queue.",
      INSUFFICIENT_SCOPE: "You are not allowed to do this.",
      ROUTE_NOT_FOUND: "The app asked for something the API does not have. Reload the app.",
      CONCERT_NOT_FOUND: "The concert was not found. Refresh the list.",
      SCHEDULE_NOT_FOUND: "The date was not found. Refresh the dates.",
      RESERVATION_NOT_FOUND: "The hold was not found.",
      SEAT_UNAVAILABLE: "Seats {seatNos} were just taken by someone else. Pick other seats.",
      "SEAT_UNAVAILABLE.none": "Some of the seats you picked were just taken by someone else. Pick other seats.",
      TICKET_LIMIT: "One person may hold and buy at most {limit} seats of this concert (you have {tickets}). Pay for your hold or give it up, then pick again.",
      "TICKET_LIMIT.more": "One person may buy at most {limit} seats of this concert, and you have bought {tickets}. You can add {more} more.",
      "TICKET_LIMIT.none": "One person may buy at most {limit} seats of this concert, and you have bought {tickets}. You cannot add more.",
      HOLD_EXPIRED: "Your hold ran out and the seats are free again. Pick seats again.",
      ALREADY_PAID: "This hold is paid already. See your payment history.",
      INSUFFICIENT_BALANCE: "Your balance is too low: the order costs {price} and your balance is {balance}. Charge your balance, then pay again.",
      "INSUFFICIENT_BALANCE.price": "Your balance is too low: the order costs {price}. Charge your balance, then pay again.",
      BALANCE_LIMIT: "A balance may be at most {max}. Charge a smaller amount.",
      IDEMPOTENCY_KEY_REUSED: "The same request was sent again with other contents. Reload and try again.",
      SALE_CLOSED: "The sale is closed: the queue takes no one now.",
      DRAW_NOT_OPEN: "The draw is published after the sale opens.",
      PAYLOAD_TOO_LARGE: "The request is too large.",
      UNSUPPORTED_MEDIA_TYPE: "The request's format is not right. Reload the app.",
      TOO_MANY_REQUESTS: "Too many requests. Try again in a moment.",
      INTERNAL: "Something went wrong on the server. Try again in a moment.",
      UNAVAILABLE: "The server is busy. Try again in a moment.",
      HTTP_401: "Your sign-in has expired or is not valid. Sign in again.",
      HTTP_403: "This request is not allowed.",
      HTTP_404: "The address was not found. Check the API base URL in the connection settings.",
      HTTP_429: "There are too many requests right now. Try again in a moment.",
      HTTP: "The request failed (HTTP {status}). Try again in a moment.",
      NETWORK: "Cannot reach the API ({url}). Check your connection.",
      details: "Details",
    },
  };

  /** Values that are amounts of money; other numbers are formatted as counts. */
  const AMOUNTS = new Set(["price", "balance", "max", "amount"]);
  /** A balance may hold at most this (the API's Money.MAX_BALANCE). */
  const MAX_BALANCE = 100000000;

  const locale = (lang) => (lang === "ko" ? "ko-KR" : "en-GB");

  /** An amount in KRW: "220,000원" in Korean, "KRW 220,000" in English. */
  function money(lang, n) {
    return lang === "ko" ? new Intl.NumberFormat("ko-KR").format(n) + "원"
      : new Intl.NumberFormat("en-GB", { style: "currency", currency: "KRW", currencyDisplay: "code" }).format(n);
  }

  function formatValue(lang, name, value) {
    if (Array.isArray(value)) return value.map((v) => formatValue(lang, name, v)).join(", ");
    if (typeof value !== "number") return String(value);
    return AMOUNTS.has(name) ? money(lang, value) : new Intl.NumberFormat(locale(lang)).format(value);
  }

  function fill(lang, template, values) {
    return template.replace(/\{(\w+)\}/g, (m, name) => (values[name] !== undefined && values[name] !== null
      ? formatValue(lang, name, values[name]) : m));
  }

  const has = (values, name) => values[name] !== undefined && values[name] !== null;

  /** The table's key for a code, given what is known (some codes read differently by situation). */
  function keyFor(code, values) {
    switch (code) {
      case "SEAT_UNAVAILABLE":
        return Array.isArray(values.seatNos) && values.seatNos.length > 0 ? code : code + ".none";
      case "TICKET_LIMIT":
        // With a live hold, paying or giving it up is the way on; without one, the fan already
        // owns seats and may add what the limit leaves.
        if (values.holding || !has(values, "limit") || !has(values, "tickets")) return code;
        return values.limit > values.tickets ? code + ".more" : code + ".none";
      case "INSUFFICIENT_BALANCE":
        return has(values, "balance") ? code : code + ".price";
      default:
        return code;
    }
  }

  /**
   * The message for a refusal: {@code code} (a problem code, HTTP_<status> or NETWORK) with the
   * problem's members and what the app knows in {@code values}. An unknown code falls back to the
   * status's text, never to the server's English.
   */
  function problem(lang, code, values) {
    const table = PROBLEMS[lang] || PROBLEMS.en;
    const v = Object.assign({ max: MAX_BALANCE }, values || {});
    if (code === "TICKET_LIMIT" && has(v, "limit") && has(v, "tickets")) v.more = Math.max(0, v.limit - v.tickets);
    const key = keyFor(code, v);
    const template = table[key] || table[code] || table["HTTP_" + v.status] || table.HTTP;
    return fill(lang, template, v);
  }

  root.ConcertMessages = { PROBLEMS, problem, money, detailsLabel: (lang) => (PROBLEMS[lang] || PROBLEMS.en).details };
})(typeof window !== "undefined" ? window : globalThis);
