/*
 * Concert reservation web app: plain JavaScript against the HTTP API of docs/api.md
 * (openapi.yaml). No framework, no build step, no external assets.
 *
 * Stable hooks for browser tests (every element has the same id and data-testid):
 *   lang-ko, lang-en            language switch buttons (aria-pressed marks the current one)
 *   sign-in, sign-out           sign in at the OpenID Connect provider of config.js (signin.js), sign out there
 *   current-user                "signed in as ..." line; data-user holds the name shown ("" when signed out)
 *   api-base, connection-save   connection settings (optional)
 *   error                       the last error, in the fan's language (messages.js), beside the action that
 *                               caused it (moved into that button's section, scrolled into view); the server's
 *                               detail and the code under a collapsed <details>; data-code holds the code;
 *                               role=alert; hidden when none
 *   notice                      the last success/info message; role=status
 *   concert-list                concerts; each a button data-testid="concert-<concertId>"
 *   concerts-more               next page of concerts
 *   queue-concert, queue-join   the picked concert and the join button
 *   queue-board                 the queue before joining (GET /concerts/{id}/queue): board-state, board-waiting,
 *                               board-active ("n / max"), board-rate (admissions per minute); refreshed every 5 s
 *   sale-panel                  the sale's state when it is not plainly open (data-state UPCOMING | OPENING |
 *                               PAUSED | SOLD_OUT | CLOSED; OPENING: the opening passed, the draw is under way):
 *                               sale-title, sale-text, sale-countdown (to saleOpensAt, data-seconds-left)
 *   draw-panel                  the public draw of a sale with an opening: draw-commitment, draw-seed (data-seed once
 *                               published), draw-check (data-verified: the seed's SHA-256 is the commitment),
 *                               draw-link (GET /concerts/{id}/queue/draw), draw-place (data-position: the place the
 *                               draw gave the caller's pre-queue token, 0 if admitted at once), draw-find and
 *                               draw-entry (data-place, data-receipt, data-hmac, data-verified: the caller's entry)
 *   queue-status                WAITING | ACTIVE | EXPIRED | CLOSED (localised text; data-status holds the raw value)
 *   queue-position              position in the queue (aria-live), data-position holds the number ("" while
 *                               the token has no place yet: in the pre-queue, or being placed)
 *   queue-panel                 data-poll-after: the pollAfterSeconds the last answer asked for, which the
 *                               next status poll waits (never a fixed interval)
 *   queue-eta, queue-progress   estimated wait; <progress> value 0-100
 *   queue-remaining             remaining active time once admitted (mm:ss)
 *   queue-enter                 "enter" button, shown once ACTIVE
 *   schedule-list               bookable dates; each a button data-testid="schedule-<scheduleId>"
 *   schedules-refresh, schedules-empty
 *   seat-map, seat-schedule     50 seat buttons id/data-testid "seat-<n>" with data-status
 *                               AVAILABLE | HELD | SOLD, data-mine="true" for the caller's hold and
 *                               data-selected="true" (aria-pressed) for seats picked for the next order;
 *                               one tab stop, arrow keys move between seats, Enter/Space picks a seat
 *   seat-prices                 price per seat range of the shown date
 *   order-summary (data-seats, data-total), order-hold, order-clear
 *                               the seats picked (up to 4), their total, hold them together, clear
 *   hold-seat, hold-price (the total), hold-status (data-status), hold-countdown (mm:ss),
 *   pay-button, release-button  (a hold survives a reload: it is kept in localStorage per user)
 *   payment-result, payment-result-text   shown after a successful payment
 *   balance, balance-refresh, charge-amount, charge-button
 *   payments-list               rows data-testid="payment-<paymentId>"; payments-empty, payments-more, payments-refresh
 *   openapi-link
 */
(function () {
  "use strict";

  const I18N = {
    ko: {
      appTitle: "콘서트 예매", skipToContent: "본문으로 건너뛰기",
      userHeading: "사용자", signIn: "로그인", signOut: "로그아웃",
      signedInAs: "사용자: {user}", notSignedIn: "로그인하면 대기열에 들어가 예매할 수 있습니다.",
      signedOut: "로그아웃했습니다.", sessionExpired: "로그인이 만료되었습니다. 다시 로그인하세요.",
      signInFailed: "로그인하지 못했습니다: {reason}", signInNotConfigured: "로그인 설정이 없습니다 (config.js의 auth).",
      signInUnreachable: "로그인 서버에 연결할 수 없습니다.",
      connectionHeading: "연결 설정", apiBaseLabel: "API 주소 (비우면 이 사이트)",
      connectionSave: "저장", connectionSaved: "연결 설정을 저장했습니다.",
      concertsHeading: "공연", more: "더 보기", refresh: "새로고침",
      queueHeading: "대기열", queueJoin: "대기열 입장", queueState: "상태", queuePosition: "내 순서",
      queueEta: "예상 대기 시간", queueRemaining: "남은 이용 시간", queueProgress: "대기 진행률", queueEnter: "입장하기",
      positionValue: "{n}번째", positionActive: "-", positionPlacing: "순서 배정 중…", etaUnknown: "알 수 없음", etaNone: "-",
      boardHeading: "대기 현황", boardState: "판매 상태", boardWaiting: "대기 인원", boardActive: "입장 중",
      boardRate: "분당 입장", boardActiveValue: "{n} / {max}명", boardRateValue: "{n}명", boardRateUnknown: "측정 전",
      "sale.UPCOMING": "판매 예정", "sale.OPEN": "판매 중", "sale.PAUSED": "일시 중지", "sale.SOLD_OUT": "매진", "sale.CLOSED": "판매 종료",
      admitted: "입장할 수 있습니다. 남은 시간 안에 좌석을 선택하세요.", queueExpired: "대기열 토큰이 만료되었습니다. 다시 입장하세요.",
      joined: "대기열에 들어왔습니다.", needUser: "먼저 로그인하세요.",
      "queue.WAITING": "대기 중", "queue.ACTIVE": "입장 가능", "queue.EXPIRED": "만료됨", "queue.SPENT": "결제로 종료",
      "queue.CLOSED": "판매 종료", queueClosed: "판매가 종료되어 대기가 끝났습니다.",
      positionPreQueue: "사전 대기열: 판매 시작 때 추첨", positionDrawing: "추첨으로 순서 배정 중…", etaAtOpening: "판매 시작 후",
      positionNotDrawn: "추첨 대상 아님: 판매 시작 후 입장",
      "saleTitle.UPCOMING": "판매 시작까지", "saleTitle.OPENING": "판매 시작: 추첨 중",
      "saleTitle.PAUSED": "입장 일시 중지", "saleTitle.SOLD_OUT": "지금은 매진", "saleTitle.CLOSED": "판매 종료",
      "saleText.UPCOMING": "{time}에 판매가 시작됩니다. 지금 입장하면 사전 대기열에 들어갑니다. 판매가 시작되면 사전 대기열 전원의 순서를 추첨으로 정해, 그 뒤에 입장한 사람보다 앞에 세웁니다. 시작 전에는 일찍 오든 늦게 오든 차이가 없습니다.",
      "saleText.OPENING": "사전 대기열의 순서를 추첨하고 있습니다. 잠시 후 순서가 나옵니다.",
      "saleText.PAUSED": "주최 측이 입장을 잠시 멈췄습니다. 기다리는 분의 순서는 그대로 유지되고, 다시 시작되면 순서대로 입장합니다. 이미 입장한 분은 남은 시간 동안 예매할 수 있습니다.",
      "saleText.SOLD_OUT": "남은 좌석이 없지만, 일부 좌석은 다른 사람이 결제 전에 선점하고 있어 다시 나올 수 있습니다. 선점 시간이 끝나거나 포기된 좌석이 나오면 순서대로 입장합니다. 기다리면 순서가 유지됩니다.",
      "saleText.CLOSED": "이 공연의 판매가 끝났습니다. 모든 좌석이 팔렸거나 주최 측이 판매를 닫았습니다. 대기열도 끝났습니다.",
      saleClosedJoin: "판매가 종료되어 대기열에 들어갈 수 없습니다.",
      drawHeading: "공개 추첨", drawCommitmentLabel: "추첨 시드의 지문 (SHA-256, 미리 공개)", drawSeedLabel: "공개된 시드",
      drawSeedPending: "판매 시작 후 공개", drawLink: "추첨 결과 보기 (API)",
      drawExplain: "시드는 공연을 만들 때 정해졌고, 지금은 그 지문만 공개됩니다. 판매가 시작되면 시드를 공개하므로, 누구나 지문이 맞는지 확인하고 시드와 접수 번호로 추첨 순서를 다시 계산할 수 있습니다.",
      drawCheckOk: "✓ 공개된 시드의 SHA-256이 미리 공개된 지문과 같습니다 (이 브라우저에서 확인).",
      drawCheckBad: "✗ 공개된 시드가 미리 공개된 지문과 다릅니다.",
      drawPlaced: "추첨 결과: 대기열 {n}번째입니다.", drawPlacedFront: "추첨 결과: 맨 앞이라 바로 입장했습니다.",
      drawFind: "추첨에서 내 접수 찾기", drawEntryPlace: "추첨 {place}번째", drawReceipt: "접수 번호", drawHmac: "HMAC",
      drawEntryOk: "✓ 이 브라우저에서 HMAC을 다시 계산해 확인했습니다.", drawEntryBad: "✗ HMAC이 공개된 시드로 계산한 값과 다릅니다.",
      drawEntryMissing: "추첨에 내 접수 번호({receipt})가 없습니다. 판매 시작 뒤에 입장했다면 추첨 대상이 아닙니다.",
      drawCannotCheck: "이 브라우저에서는 확인할 수 없습니다 (보안 연결 필요).",
      bookingHeading: "날짜와 좌석", schedulesHeading: "예매 가능한 날짜", schedulesEmpty: "예매 가능한 날짜가 없습니다.",
      seatsLeft: "{n}석 남음", seatsHeading: "좌석", seatMapLabel: "좌석 배치도 (1-50)", mine: "내 선점",
      seatMapHelp: "화살표 키로 좌석 사이를 옮기고 Enter 또는 Space로 좌석을 고릅니다 (최대 4석). 고른 좌석은 함께 선점합니다.",
      selectedLegend: "선택함", seatLabelSelected: "{n}번 좌석, 선택함, {price}",
      orderNone: "좌석을 고르세요 (한 번에 최대 {max}석).", orderSummary: "{n}석 선택: {seats}번 · 합계 {total}",
      orderSummaryOne: "1석 선택: {seats}번 · 합계 {total}",
      orderHold: "고른 {n}석 선점", orderHoldOne: "고른 1석 선점", orderHoldNone: "고른 좌석 선점", orderClear: "선택 취소",
      orderFull: "한 번에 최대 {max}석까지 고를 수 있습니다.",
      releaseHold: "선점 포기", released: "선점을 포기했습니다. 좌석을 다른 사람이 예매할 수 있습니다.",
      pricesLabel: "좌석별 가격", priceRange: "{first}-{last}번 {price}",
      "status.AVAILABLE": "예매 가능", "status.HELD": "선점됨", "status.SOLD": "판매됨",
      seatLabel: "{n}번 좌석, {status}, {price}", seatLabelMine: "{n}번 좌석, 내가 선점함, {price}",
      holdHeading: "선점한 좌석", holdSeat: "좌석", holdPrice: "합계", holdState: "상태", holdCountdown: "남은 선점 시간",
      "hold.HELD": "선점 중", "hold.CONFIRMED": "결제 완료", "hold.EXPIRED": "만료됨", "hold.RELEASED": "포기함",
      holdSeatValue: "{date} {n}번", holdSeatValueOne: "{date} {n}번",
      held: "{n}번 좌석을 선점했습니다. 선점 시간 안에 결제하세요.", heldOne: "{n}번 좌석을 선점했습니다. 선점 시간 안에 결제하세요.",
      holdExpired: "선점 시간이 지났습니다.",
      pay: "결제하기", paidHeading: "결제 완료",
      needQueueToPay: "결제하려면 이 공연의 대기열에 다시 입장하세요 (선점은 유지됩니다).",
      paidText: "{date} {n}번 좌석, {amount} 결제 완료 (결제 번호 {id}).",
      paidTextOne: "{date} {n}번 좌석, {amount} 결제 완료 (결제 번호 {id}).",
      walletHeading: "잔액", balanceLabel: "현재 잔액", chargeLabel: "충전 금액 (원)", charge: "충전",
      charged: "{amount} 충전했습니다.", chargeInvalid: "충전 금액은 1원에서 1,000,000원 사이의 정수입니다.",
      paymentsHeading: "결제 내역", paymentsEmpty: "결제 내역이 없습니다.",
      colPaidAt: "결제 시각", colConcert: "공연", colSchedule: "공연 날짜", colSeat: "좌석", colAmount: "금액",
      openapiLink: "API 명세 (OpenAPI)",
      seconds: "{s}초", minutes: "{m}분 {s}초", days: "{d}일",
    },
    en: {
      appTitle: "Concert Reservation", skipToContent: "Skip to content",
      userHeading: "User", signIn: "Sign in", signOut: "Sign out",
      signedInAs: "Signed in as {user}", notSignedIn: "Sign in to join a queue and book.",
      signedOut: "You are signed out.", sessionExpired: "Your sign-in has expired. Sign in again.",
      signInFailed: "Signing in failed: {reason}", signInNotConfigured: "Sign-in is not set up (auth in config.js).",
      signInUnreachable: "The sign-in provider cannot be reached.",
      connectionHeading: "Connection", apiBaseLabel: "API base URL (empty: this site)",
      connectionSave: "Save", connectionSaved: "Connection settings saved.",
      concertsHeading: "Concerts", more: "More", refresh: "Refresh",
      queueHeading: "Queue", queueJoin: "Join the queue", queueState: "State", queuePosition: "Your position",
      queueEta: "Estimated wait", queueRemaining: "Time left", queueProgress: "Queue progress", queueEnter: "Enter",
      positionValue: "#{n}", positionActive: "-", positionPlacing: "being placed…", etaUnknown: "unknown", etaNone: "-",
      boardHeading: "The queue now", boardState: "Sale", boardWaiting: "Waiting", boardActive: "Admitted",
      boardRate: "Admitted per minute", boardActiveValue: "{n} / {max}", boardRateValue: "{n}", boardRateUnknown: "not measured yet",
      "sale.UPCOMING": "upcoming", "sale.OPEN": "open", "sale.PAUSED": "paused", "sale.SOLD_OUT": "sold out", "sale.CLOSED": "closed",
      admitted: "You are in. Pick a seat before your time runs out.", queueExpired: "Your queue token expired. Join again.",
      joined: "You joined the queue.", needUser: "Sign in first.",
      "queue.WAITING": "Waiting", "queue.ACTIVE": "Admitted", "queue.EXPIRED": "Expired", "queue.SPENT": "Ended by your payment",
      "queue.CLOSED": "Sale closed", queueClosed: "The sale closed: your wait has ended.",
      positionPreQueue: "In the pre-queue: the draw happens at opening", positionDrawing: "being placed by the draw…", etaAtOpening: "after the opening",
      positionNotDrawn: "not in the draw: joined after the opening",
      "saleTitle.UPCOMING": "The sale opens in", "saleTitle.OPENING": "The sale is opening: the draw is under way",
      "saleTitle.PAUSED": "Admission paused", "saleTitle.SOLD_OUT": "Sold out for now", "saleTitle.CLOSED": "Sale closed",
      "saleText.UPCOMING": "The sale opens at {time}. Joining now puts you in the pre-queue. At the opening a draw orders everyone in the pre-queue, ahead of all later joiners: before the opening, coming early or late makes no difference.",
      "saleText.OPENING": "The pre-queue is being drawn; your place follows in a moment.",
      "saleText.PAUSED": "The organiser has paused admission. Everyone waiting keeps their place, and admission resumes in order. Those already in can go on booking until their time ends.",
      "saleText.SOLD_OUT": "No seat is free, but some are held by people who have not paid yet and may come back. When a hold runs out or is given up, admission goes on in order. If you wait, you keep your place.",
      "saleText.CLOSED": "This sale has ended: every seat is sold, or the organiser closed it. The queue has ended too.",
      saleClosedJoin: "The sale is closed: the queue takes no one now.",
      drawHeading: "The public draw", drawCommitmentLabel: "Fingerprint of the draw's seed (SHA-256, published in advance)",
      drawSeedLabel: "Published seed", drawSeedPending: "published after the opening", drawLink: "See the draw (API)",
      drawExplain: "The seed was fixed when the concert was created; only its fingerprint is public until the opening. Then the seed is published, so anyone can check it against this fingerprint and recompute the draw's order from it and the receipts.",
      drawCheckOk: "✓ The published seed's SHA-256 equals the fingerprint published in advance (checked in this browser).",
      drawCheckBad: "✗ The published seed does not match the fingerprint published in advance.",
      drawPlaced: "The draw placed you #{n} in the queue.", drawPlacedFront: "The draw put you at the front: you are in.",
      drawFind: "Find my entry in the draw", drawEntryPlace: "Drawn #{place}", drawReceipt: "Receipt", drawHmac: "HMAC",
      drawEntryOk: "✓ HMAC recomputed in this browser: it matches.", drawEntryBad: "✗ The HMAC does not match the published seed.",
      drawEntryMissing: "Your receipt ({receipt}) is not in the draw: joins after the opening are not drawn.",
      drawCannotCheck: "This browser cannot check it (it needs a secure connection).",
      bookingHeading: "Dates and seats", schedulesHeading: "Bookable dates", schedulesEmpty: "No bookable dates.",
      seatsLeft: "{n} left", seatsHeading: "Seats", seatMapLabel: "Seat map (1-50)", mine: "My hold",
      seatMapHelp: "Arrow keys move between seats; Enter or Space picks one (up to 4). The seats you pick are held together.",
      selectedLegend: "Picked", seatLabelSelected: "Seat {n}, picked, {price}",
      orderNone: "Pick seats (up to {max} at once).", orderSummary: "{n} picked: seats {seats} · total {total}",
      orderSummaryOne: "1 picked: seat {seats} · total {total}",
      orderHold: "Hold the {n} seats", orderHoldOne: "Hold the seat", orderHoldNone: "Hold the picked seats", orderClear: "Clear",
      orderFull: "You can pick at most {max} seats at once.",
      releaseHold: "Give up the hold", released: "Hold given up: the seats are free for others.",
      pricesLabel: "Prices by seat", priceRange: "Seats {first}-{last}: {price}",
      "status.AVAILABLE": "Available", "status.HELD": "Held", "status.SOLD": "Sold",
      seatLabel: "Seat {n}, {status}, {price}", seatLabelMine: "Seat {n}, held by you, {price}",
      holdHeading: "Your held seats", holdSeat: "Seats", holdPrice: "Total", holdState: "State", holdCountdown: "Hold time left",
      "hold.HELD": "Held", "hold.CONFIRMED": "Paid", "hold.EXPIRED": "Expired", "hold.RELEASED": "Given up",
      holdSeatValue: "{date}, seats {n}", holdSeatValueOne: "{date}, seat {n}",
      held: "Seats {n} are held for you. Pay before the hold runs out.", heldOne: "Seat {n} is held for you. Pay before the hold runs out.",
      holdExpired: "The hold has expired.",
      pay: "Pay", paidHeading: "Paid",
      needQueueToPay: "To pay, join this concert's queue again (your hold is kept).",
      paidText: "{date}, seats {n}: paid {amount} (payment {id}).",
      paidTextOne: "{date}, seat {n}: paid {amount} (payment {id}).",
      walletHeading: "Balance", balanceLabel: "Balance", chargeLabel: "Amount (KRW)", charge: "Charge",
      charged: "Charged {amount}.", chargeInvalid: "The amount is a whole number from 1 to 1,000,000 KRW.",
      paymentsHeading: "Payment history", paymentsEmpty: "No payments yet.",
      colPaidAt: "Paid at", colConcert: "Concert", colSchedule: "Date", colSeat: "Seats", colAmount: "Amount",
      openapiLink: "API description (OpenAPI)",
      seconds: "{s} s", minutes: "{m} min {s} s", days: "{d} d",
    },
  };

  /** Seats in one order (the API's MAX_SEATS_PER_ORDER default; a smaller setting answers 400). */
  const MAX_SEATS = 4;
  // The server paces status polls (pollAfterSeconds); this is only for an answer without it.
  const QUEUE_POLL_FALLBACK_MS = 2000;
  const ACTIVE_POLL_MS = 5000;
  const BOARD_REFRESH_MS = 5000;
  const SEAT_REFRESH_MS = 2000;
  /** The venues' zone while the API names none (the catalogue's venues are in Korea). */
  const VENUE_TIME_ZONE = "Asia/Seoul";
  const store = window.localStorage;
  const config = window.CONCERT_CONFIG || {};
  const signin = window.ConcertSignIn.create(config.auth);
  // Left by earlier versions of the app, which took a typed user id or a pasted token: never sent again.
  ["userId", "bearer"].forEach((key) => store.removeItem(key));

  const state = {
    lang: store.getItem("lang") || ((navigator.language || "ko").toLowerCase().startsWith("ko") ? "ko" : "en"),
    apiBase: store.getItem("apiBase") || config.apiBaseUrl || "",
    concerts: new Map(),
    concertsCursor: null,
    concert: null,          // the picked concert
    token: null,            // the latest queue token response
    firstPosition: null,    // position when joining, for the progress bar
    entered: false,
    schedules: [],
    schedule: null,         // the picked schedule
    seats: [],
    seatFocus: null,        // the seat number that is the seat map's tab stop
    selection: [],          // seat numbers picked for the next order, ascending
    hold: null,             // the latest reservation of the caller (kept in localStorage per user)
    lastPayment: null,      // {payment, date} of the last payment made here
    scheduleDates: readScheduleDates(), // scheduleId -> date of every date seen here, for the payment history
    paymentsCursor: null,
    pendingCharge: null,    // {amount, key}: reused when a charge is retried after a failure
    board: null,            // the picked concert's queue board
    saleState: null,        // the picked concert's sale state, as the latest answer said (board, token or refusal)
    preQueued: false,       // the token was in the pre-queue (an answer said preQueue): the draw places it
    drawPlace: null,        // the place the draw gave it when it was first placed (0: admitted at once)
    drawSeed: null,         // the picked concert's published seed ...
    seedVerified: null,     // ... and whether its SHA-256 is the commitment: "yes" | "no" | "cannot" (no WebCrypto)
    seedLoading: false,
    drawEntry: null,        // the caller's entry in the draw: {place, receiptId, hmac, verified}; place null if absent
    timers: { queue: null, seats: null, tick: null, board: null },
  };

  /** Payments name their date by scheduleId only: the dates seen on this device, kept across reloads. */
  function readScheduleDates() {
    try { return JSON.parse(store.getItem("scheduleDates") || "{}") || {}; } catch (e) { return {}; }
  }

  function rememberDates(schedules) {
    schedules.forEach((schedule) => { state.scheduleDates[schedule.scheduleId] = schedule.date; });
    store.setItem("scheduleDates", JSON.stringify(state.scheduleDates));
  }

  /** A schedule's date as shown, "-" where this device never saw it. */
  function dateOf(scheduleId, date) {
    const known = date || state.scheduleDates[scheduleId];
    return known ? dateText(known) : "-";
  }

  const $ = (id) => document.getElementById(id);
  /** The seats of a reservation or payment: an order's seatNos (one seatNo in answers from before orders). */
  const seatsOf = (order) => order.seatNos || [order.seatNo];

  // ---- i18n -----------------------------------------------------------------------------

  /** The text for {@code count} things: the key's "One" form for one. */
  function tn(key, count, values) {
    return t(count === 1 ? key + "One" : key, values);
  }

  function t(key, values) {
    const text = (I18N[state.lang] && I18N[state.lang][key]) || I18N.en[key] || key;
    return values ? text.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m)) : text;
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.title = t("appTitle");
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    ["ko", "en"].forEach((lang) => $("lang-" + lang).setAttribute("aria-pressed", String(lang === state.lang)));
    renderUser();
    renderConcerts();
    renderBoard();
    renderQueue();
    renderSchedules();
    renderSeats();
    renderOrder();
    renderHold();
    renderPaymentResult();
    if (state.balance !== undefined) renderBalance(state.balance);
    renderPaymentRows();
  }

  const messages = window.ConcertMessages;
  const money = (n) => messages.money(state.lang, n);
  const locale = () => (state.lang === "ko" ? "ko-KR" : "en-GB");
  // A schedule's date is already the venue's calendar date: formatted as it is, whatever the phone's zone.
  const dateText = (isoDate) => new Intl.DateTimeFormat(locale(),
    { year: "numeric", month: "short", day: "numeric", weekday: "short", timeZone: "UTC" }).format(new Date(isoDate + "T00:00:00Z"));

  /**
   * The zone a concert's times are told in: the venue's, so that a fan abroad reads the hour on
   * the venue's clocks. The API names it as the concert's timeZone once it carries one; until
   * then the deployment's (config.js venueTimeZone), else Korea's, where the catalogue's venues are.
   */
  function zoneOf(concertId) {
    const concert = concertId && state.concerts.get(concertId);
    const zone = (concert && concert.timeZone) || config.venueTimeZone || VENUE_TIME_ZONE;
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return zone;
    } catch (e) {
      return VENUE_TIME_ZONE; // a zone this browser does not know
    }
  }

  /** An instant with its zone's name ("24 Dec 2026, 19:00 GMT+9"), in the concert's venue's zone. */
  const instantText = (iso, concertId) => new Intl.DateTimeFormat(locale(), { year: "numeric", month: "short", day: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short", timeZone: zoneOf(concertId) }).format(new Date(iso));
  const timeText = (iso, concertId) => new Intl.DateTimeFormat(locale(),
    { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zoneOf(concertId) }).format(new Date(iso));

  function duration(seconds) {
    const s = Math.max(0, Math.round(seconds));
    return s < 60 ? t("seconds", { s }) : t("minutes", { m: Math.floor(s / 60), s: s % 60 });
  }

  /** A countdown: hh:mm:ss, with days in front when there are any. */
  function longClock(msLeft) {
    const s = Math.max(0, Math.ceil(msLeft / 1000));
    const days = Math.floor(s / 86400);
    const hms = [Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, "0")).join(":");
    return days > 0 ? t("days", { d: days }) + " " + hms : hms;
  }

  function clock(msLeft) {
    const s = Math.max(0, Math.ceil(msLeft / 1000));
    return String(Math.floor(s / 60)).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
  }

  // ---- messages -------------------------------------------------------------------------

  /**
   * Shows an error beside {@code anchor}, the button whose action failed (after its row, in its
   * section), or at the top of the page for what no button asked for; the server's detail and the
   * code only under "details".
   */
  function showError(message, code, anchor, detail) {
    const box = $("error");
    const text = document.createElement("p");
    text.className = "message-text";
    text.textContent = message;
    box.replaceChildren(text);
    if (detail || code) {
      const more = document.createElement("details");
      const summary = document.createElement("summary");
      summary.textContent = messages.detailsLabel(state.lang);
      const body = document.createElement("p");
      body.lang = "en"; // the server speaks English
      body.textContent = (detail ? detail + " " : "") + (code ? "(" + code + ")" : "");
      more.append(summary, body);
      box.appendChild(more);
    }
    box.dataset.code = code || "";
    const spot = anchor && !anchor.closest("[hidden]") ? anchor.closest(".row, form") || anchor : null;
    if (spot) {
      if (spot.nextElementSibling !== box) spot.after(box);
    } else if ($("main").firstElementChild !== box) {
      $("main").prepend(box);
    }
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  }

  function clearError() {
    const box = $("error");
    box.hidden = true;
    box.textContent = "";
    box.dataset.code = "";
  }

  function notice(message) {
    $("notice").textContent = message;
  }

  // ---- API ------------------------------------------------------------------------------

  /** A refusal: {@code message} is the server's detail (English); the fan reads {@link problemText}. */
  class ApiError extends Error {
    constructor(status, code, message, problem, context) {
      super(message);
      this.status = status;
      this.code = code;
      this.problem = problem || {}; // the problem body: its members say more (seatNos, limit, tickets)
      this.context = context || {}; // what the app knows that the message needs (price, balance, holding)
    }
  }

  /** The fan's message for an API refusal, in the current language. */
  const problemText = (error) => (error.text
    || messages.problem(state.lang, error.code, Object.assign({ status: error.status }, error.problem, error.context)));

  const apiUrl = (path) => state.apiBase.replace(/\/+$/, "") + path;

  // The server's clock: countdowns, and whether the opening has passed, go by it, not by the
  // phone's, which may be minutes off. Every API answer carries its time (the Date header).
  let serverOffset = 0;
  const serverNow = () => Date.now() + serverOffset;

  function noteServerTime(response, sentAt) {
    const date = Date.parse(response.headers.get("Date") || "");
    if (Number.isNaN(date)) return; // another origin that does not expose Date
    const receivedAt = Date.now();
    // The header counts whole seconds and the answer took a while: the middle of both is the best guess.
    const offset = date + 500 - (sentAt + receivedAt) / 2;
    // A second and a half is within the header's resolution: the clocks agree. Beyond, the phone's is
    // off; the offset is kept until an answer says otherwise by more than a second, so countdowns do not jitter.
    const next = Math.abs(offset) < 1500 ? 0 : Math.round(offset);
    if (Math.abs(next - serverOffset) > 1000) serverOffset = next;
  }

  /**
   * Calls the API; resolves to {status, body}; rejects with an ApiError carrying detail and code.
   * Signed in, every call carries the access token; a call it refused as unauthenticated (401) is
   * made once more after one refresh of the tokens.
   */
  async function api(method, path, options) {
    const opts = options || {};
    const headers = { Accept: "application/json, application/problem+json" };
    const accessToken = await signin.accessToken();
    if (accessToken) headers.Authorization = "Bearer " + accessToken;
    if (opts.queueToken) headers["X-Queue-Token"] = opts.queueToken;
    if (opts.idempotencyKey) headers["Idempotency-Key"] = opts.idempotencyKey;
    let body;
    if (opts.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(opts.json);
    }
    const url = apiUrl(path);
    let response;
    const sentAt = Date.now();
    try {
      response = await fetch(url, { method, headers, body });
    } catch (e) {
      throw new ApiError(0, "NETWORK", String(e && e.message ? e.message : e), null, { url: state.apiBase || location.origin });
    }
    noteServerTime(response, sentAt);
    if (response.status === 401 && accessToken && !opts.retried) {
      if (await signin.renewAfterRejection(accessToken)) return api(method, path, Object.assign({}, opts, { retried: true }));
      if (!signin.session()) throw Object.assign(new ApiError(401, "SIGNED_OUT", "signed out"), { text: t("sessionExpired") });
    }
    const text = await response.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
    if (!response.ok) {
      // problem+json: detail and code; API Gateway's own answers: {"message"}.
      const detail = parsed && (parsed.detail || parsed.title || parsed.message);
      throw new ApiError(response.status, (parsed && parsed.code) || "HTTP_" + response.status,
        detail || "HTTP " + response.status, parsed);
    }
    return { status: response.status, body: parsed };
  }

  /** Shows a failure beside {@code anchor} (the button of the action), or at the top without one. */
  function report(error, anchor) {
    if (error instanceof ApiError) {
      showError(problemText(error), error.code, anchor, error.code === "SIGNED_OUT" ? "" : error.message);
    } else {
      showError(String(error && error.message ? error.message : error), undefined, anchor);
    }
  }

  /** Runs an action of a button: clears the last error, disables the button meanwhile, reports failures beside it. */
  async function act(button, action) {
    clearError();
    if (button) button.disabled = true;
    try {
      await action();
    } catch (error) {
      report(error, button);
    } finally {
      if (button) button.disabled = false;
    }
  }

  // ---- who is signed in (signin.js) -------------------------------------------------------

  function renderUser() {
    const session = signin.session();
    const user = session ? session.user : "";
    $("current-user").textContent = user ? t("signedInAs", { user }) : t("notSignedIn");
    $("current-user").dataset.user = user;
    $("sign-in").hidden = Boolean(session);
    $("sign-out").hidden = !session;
    $("api-base").value = state.apiBase;
    $("wallet-section").hidden = !session;
    $("payments-section").hidden = !session;
  }

  /** After the user changed (signed in, out, or the session ended): nothing of the last one's stays on screen. */
  function userChanged() {
    leaveQueue();
    state.hold = null;
    state.lastPayment = null;
    state.pendingCharge = null;
    renderHold();
    renderPaymentResult();
    renderUser();
    if (signin.session()) loadUserData();
  }

  function loadUserData() {
    refreshBalance().catch(report);
    loadPayments(true).catch(report);
    restoreHold().catch(report);
  }

  function signInMessage(error) {
    if (error && error.code === "NOT_CONFIGURED") return t("signInNotConfigured");
    if (error && error.code === "UNREACHABLE") return t("signInUnreachable");
    return t("signInFailed", { reason: error && error.message ? error.message : String(error) });
  }

  /** On load: a return from the provider's sign-in or logout, or the session this tab already has. */
  async function startSession() {
    let outcome = "none";
    try {
      outcome = await signin.completeRedirect();
    } catch (error) {
      renderUser();
      showError(signInMessage(error), error && error.code);
      return;
    }
    renderUser();
    if (outcome === "signed-out") notice(t("signedOut"));
    if (signin.session()) loadUserData();
  }

  async function signIn() {
    try {
      await signin.signIn(); // leaves the page for the provider's
    } catch (error) {
      showError(signInMessage(error), error && error.code);
    }
  }

  async function signOut() {
    const toProvider = await signin.signOut(); // the session here is gone before the provider is told
    userChanged();
    if (!toProvider) notice(t("signedOut"));
  }

  // ---- the caller's hold, kept across reloads -------------------------------------------------

  const holdKey = () => "hold:" + ((signin.session() || {}).sub || "");

  function saveHold() {
    if (state.hold && state.hold.status === "HELD") {
      store.setItem(holdKey(), JSON.stringify(state.hold));
    } else {
      store.removeItem(holdKey());
    }
  }

  /** A reload keeps a live hold: it is read back and checked with the server (identity only, not gated). */
  async function restoreHold() {
    let saved = null;
    try { saved = JSON.parse(store.getItem(holdKey()) || "null"); } catch (e) { saved = null; }
    if (!saved || !saved.reservationId || Date.parse(saved.holdExpiresAt) <= serverNow()) {
      store.removeItem(holdKey());
      return;
    }
    const userAtStart = holdKey();
    let body;
    try {
      ({ body } = await api("GET", "/reservations/" + encodeURIComponent(saved.reservationId)));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        store.removeItem(holdKey());
        return;
      }
      throw error;
    }
    if (holdKey() !== userAtStart || state.hold) return; // switched user, or held another seat meanwhile
    state.hold = Object.assign({}, body, { date: saved.date });
    saveHold();
    renderHold();
    renderSeats();
  }

  // ---- concerts -------------------------------------------------------------------------

  async function loadConcerts(reset) {
    const cursor = reset ? null : state.concertsCursor;
    const query = "?limit=20" + (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
    const { body } = await api("GET", "/concerts" + query);
    if (reset) state.concerts.clear();
    body.concerts.forEach((c) => state.concerts.set(c.concertId, c));
    state.concertsCursor = body.nextCursor;
    renderConcerts();
    renderPaymentRows(); // payments loaded first showed concert ids: now titles
  }

  function renderConcerts() {
    const list = $("concert-list");
    list.replaceChildren();
    state.concerts.forEach((concert) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.id = "concert-" + concert.concertId;
      button.dataset.testid = "concert-" + concert.concertId;
      button.dataset.concertId = concert.concertId;
      button.setAttribute("aria-pressed", String(Boolean(state.concert && state.concert.concertId === concert.concertId)));
      const title = document.createElement("span");
      title.className = "title";
      title.textContent = concert.title;
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = concert.artist + " · " + concert.venue;
      button.append(title, meta);
      button.addEventListener("click", () => pickConcert(concert.concertId));
      li.appendChild(button);
      list.appendChild(li);
    });
    $("concerts-more").hidden = !state.concertsCursor;
  }

  function pickConcert(concertId) {
    if (state.concert && state.concert.concertId === concertId) return;
    if (!state.concerts.has(concertId)) return;
    leaveQueue();
    state.concert = state.concerts.get(concertId);
    state.board = null;
    state.saleState = state.concert.saleState;
    state.drawSeed = null;
    state.seedVerified = null;
    if (state.concert.drawSeed) showSeed(state.concert, state.concert.drawSeed).catch(report);
    clearError();
    renderConcerts();
    renderQueue();
    $("queue-section").hidden = false;
    $("queue-join").focus();
    loadBoard();
  }

  /** The queue board of the picked concert, refreshed while the user has not joined. */
  async function loadBoard() {
    stopTimer("board");
    const concert = state.concert;
    if (!concert) return;
    try {
      const { body } = await api("GET", "/concerts/" + encodeURIComponent(concert.concertId) + "/queue");
      if (state.concert !== concert) return;
      state.board = body;
      if (!isLive(state.token)) state.saleState = body.saleState;
      renderBoard();
      // Past the opening the seed is published once the pre-queue is closed (a few seconds).
      if (opensAt() !== null && body.saleState !== "UPCOMING" && serverNow() >= opensAt()) await loadDrawSeed();
    } catch (error) {
      if (state.concert !== concert) return;
      report(error);
    }
    if (!isLive(state.token)) {
      state.timers.board = setTimeout(loadBoard, BOARD_REFRESH_MS);
    }
  }

  function renderBoard() {
    const board = state.board;
    $("queue-board").hidden = !board;
    if (!board) return;
    $("board-waiting").textContent = String(board.waiting);
    $("board-active").textContent = t("boardActiveValue", { n: board.activeUsers, max: board.maxActive });
    $("board-rate").textContent = board.admissionsPerMinute === null ? t("boardRateUnknown")
      : t("boardRateValue", { n: board.admissionsPerMinute });
    renderSale();
  }

  // ---- the sale's state and the draw --------------------------------------------------------

  /** A token still in the queue or admitted (EXPIRED and CLOSED are over). */
  const isLive = (token) => Boolean(token && (token.status === "WAITING" || token.status === "ACTIVE"));
  const isPlaced = (token) => token.position !== null && token.position !== undefined;
  const drawPath = (concert) => "/concerts/" + encodeURIComponent(concert.concertId) + "/queue/draw";

  function opensAt() {
    const iso = (state.board && state.board.saleOpensAt) || (state.concert && state.concert.saleOpensAt);
    return iso ? Date.parse(iso) : null;
  }

  /** Before the opening by this browser's clock, whatever the sale's state (a pre-queue may be PAUSED). */
  const beforeOpening = () => opensAt() !== null && serverNow() < opensAt();

  /** The sale state to show; OPENING: the opening passed and the pre-queue is still being drawn. */
  function saleView() {
    const sale = state.saleState;
    if (sale === "UPCOMING" && opensAt() !== null && serverNow() >= opensAt()) return "OPENING";
    const token = state.token;
    if (sale === "OPEN" && state.preQueued && token && token.status === "WAITING" && !isPlaced(token)) return "OPENING";
    return sale;
  }

  function renderSale() {
    // A closed sale takes no joins (409 SALE_CLOSED): the closed screen instead of the button,
    // whichever answer (the listing, the board or the token) said CLOSED last.
    $("queue-join").hidden = isLive(state.token) || state.saleState === "CLOSED";
    const view = state.concert ? saleView() : null;
    const shown = ["UPCOMING", "OPENING", "PAUSED", "SOLD_OUT", "CLOSED"].includes(view);
    // A sale with an opening had a pre-queue: its draw stays on show, verifiable, once the sale is open.
    const drawShown = Boolean(state.concert && state.concert.drawCommitment && opensAt() !== null);
    // The board stops refreshing once the user has joined; the sale state shown is the freshest answer's.
    $("board-state").textContent = state.saleState ? t("sale." + state.saleState) : "";
    $("board-state").dataset.state = state.saleState || "";
    const panel = $("sale-panel");
    panel.hidden = !shown && !drawShown;
    panel.dataset.state = view || "";
    const opening = opensAt();
    $("sale-title").hidden = !shown;
    $("sale-title").textContent = shown ? t("saleTitle." + view) : "";
    $("sale-text").hidden = !shown;
    $("sale-text").textContent = shown ? t("saleText." + view, { time: opening ? instantText(new Date(opening), state.concert.concertId) : "" }) : "";
    $("sale-countdown").hidden = view !== "UPCOMING";
    renderCountdown();
    renderDraw(drawShown);
  }

  function renderCountdown() {
    const countdown = $("sale-countdown");
    const opening = opensAt();
    if (countdown.hidden || opening === null) return;
    const left = opening - serverNow();
    const text = longClock(left);
    if (countdown.textContent !== text) {
      countdown.dataset.secondsLeft = String(Math.max(0, Math.ceil(left / 1000)));
      countdown.textContent = text;
    }
    if (saleView() !== "UPCOMING") renderQueue(); // the opening passed: the draw is under way
  }

  function renderDraw(shown) {
    $("draw-panel").hidden = !shown;
    if (!shown) return;
    const concert = state.concert;
    $("draw-commitment").textContent = concert.drawCommitment;
    $("draw-seed").textContent = state.drawSeed || t("drawSeedPending");
    $("draw-seed").dataset.seed = state.drawSeed || "";
    const check = $("draw-check");
    check.hidden = !state.drawSeed || !state.seedVerified;
    check.dataset.verified = state.seedVerified === "yes" ? "true" : state.seedVerified === "no" ? "false" : "";
    check.textContent = { yes: t("drawCheckOk"), no: t("drawCheckBad"), cannot: t("drawCannotCheck") }[state.seedVerified] || "";
    $("draw-link").href = apiUrl(drawPath(concert));
    const place = $("draw-place");
    place.hidden = state.drawPlace === null;
    place.dataset.position = state.drawPlace === null ? "" : String(state.drawPlace);
    place.textContent = state.drawPlace === null ? ""
      : state.drawPlace === 0 ? t("drawPlacedFront") : t("drawPlaced", { n: state.drawPlace });
    $("draw-find").hidden = !(state.drawSeed && state.token && state.token.receiptId);
    renderDrawEntry();
  }

  function renderDrawEntry() {
    const box = $("draw-entry");
    const entry = state.drawEntry;
    box.hidden = !entry;
    if (!entry) return;
    box.dataset.place = entry.place === null ? "" : String(entry.place);
    box.dataset.receipt = entry.receiptId;
    box.dataset.hmac = entry.hmac || "";
    box.dataset.verified = entry.verified === "yes" ? "true" : entry.verified === "no" ? "false" : "";
    if (entry.place === null) {
      box.textContent = t("drawEntryMissing", { receipt: entry.receiptId });
      return;
    }
    const place = document.createElement("p");
    place.className = "draw-place";
    place.textContent = t("drawEntryPlace", { place: entry.place });
    const facts = document.createElement("dl");
    facts.className = "hashes";
    [["drawReceipt", entry.receiptId], ["drawHmac", entry.hmac]].forEach(([label, value]) => {
      const dt = document.createElement("dt");
      dt.textContent = t(label);
      const code = document.createElement("code");
      code.textContent = value;
      const dd = document.createElement("dd");
      dd.appendChild(code);
      facts.append(dt, dd);
    });
    const check = document.createElement("p");
    check.dataset.verified = box.dataset.verified;
    check.textContent = { yes: t("drawEntryOk"), no: t("drawEntryBad"), cannot: t("drawCannotCheck") }[entry.verified];
    box.replaceChildren(place, facts, check);
  }

  /** The seed, once published (409 DRAW_NOT_OPEN until the pre-queue is closed, a few seconds after the opening). */
  async function loadDrawSeed() {
    const concert = state.concert;
    if (!concert || state.drawSeed || state.seedLoading) return;
    state.seedLoading = true;
    try {
      const { body } = await api("GET", drawPath(concert) + "?limit=1");
      await showSeed(concert, body.drawSeed);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === "DRAW_NOT_OPEN")) throw error;
    } finally {
      state.seedLoading = false;
    }
  }

  /** Shows the seed, checked here against the commitment published before the first join. */
  async function showSeed(concert, seed) {
    const verified = await verify(async () => (await sha256Hex(seed)) === concert.drawCommitment);
    if (state.concert !== concert) return;
    state.drawSeed = seed;
    state.seedVerified = verified;
    renderSale();
  }

  /** Pages through the draw to the caller's receipt (1,000 entries a request) and recomputes its HMAC. */
  async function findDrawEntry() {
    const concert = state.concert;
    const token = state.token;
    const seed = state.drawSeed;
    if (!concert || !token || !seed) return;
    let cursor = null;
    let before = 0;
    let found = null;
    do {
      const { body } = await api("GET", drawPath(concert) + "?limit=1000" + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
      const index = body.entries.findIndex((entry) => entry.receiptId === token.receiptId);
      if (index >= 0) found = Object.assign({ place: before + index + 1 }, body.entries[index]);
      before += body.entries.length;
      cursor = body.nextCursor;
    } while (!found && cursor);
    if (found) found.verified = await verify(async () => (await hmacHex(seed, found.receiptId)) === found.hmac);
    if (state.concert !== concert) return;
    state.drawEntry = found || { place: null, receiptId: token.receiptId };
    renderDrawEntry();
  }

  // The draw's arithmetic (docs/api.md, "Pre-queue and the draw"; docs/draw.md): SHA-256 of the seed's bytes, HMAC-SHA256 keyed by them over the receipt's UTF-8.
  const hexBytes = (hex) => new Uint8Array(hex.match(/../g).map((pair) => parseInt(pair, 16)));
  const bytesHex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
  const sha256Hex = async (hex) => bytesHex(await crypto.subtle.digest("SHA-256", hexBytes(hex)));

  async function hmacHex(seedHex, message) {
    const key = await crypto.subtle.importKey("raw", hexBytes(seedHex), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return bytesHex(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message)));
  }

  /** "yes" or "no" from a check, or "cannot" where WebCrypto is missing (a page served over plain HTTP but not locally). */
  async function verify(check) {
    if (!window.crypto || !window.crypto.subtle) return "cannot";
    return (await check()) ? "yes" : "no";
  }

  // ---- queue ----------------------------------------------------------------------------

  function leaveQueue() {
    stopTimer("queue");
    stopTimer("seats");
    stopTimer("board");
    state.token = null;
    state.firstPosition = null;
    state.entered = false;
    state.preQueued = false;
    state.drawPlace = null;
    state.drawEntry = null;
    state.schedules = [];
    state.schedule = null;
    state.seats = [];
    $("booking-section").hidden = true;
    renderQueue();
    renderSchedules();
    renderSeats();
  }

  async function joinQueue() {
    if (!signin.session()) {
      showError(t("needUser"), undefined, $("queue-join"));
      $("sign-in").focus();
      return;
    }
    let body;
    try {
      ({ body } = await api("POST", "/concerts/" + encodeURIComponent(state.concert.concertId) + "/queue/tokens"));
    } catch (error) {
      if (!(error instanceof ApiError && error.code === "SALE_CLOSED")) throw error;
      state.saleState = "CLOSED"; // the closed screen says it all
      renderQueue();
      notice(t("saleClosedJoin"));
      return;
    }
    state.entered = false;
    state.preQueued = false;
    state.drawPlace = null;
    state.drawEntry = null;
    state.firstPosition = body.status === "WAITING" ? body.position : null;
    stopTimer("board");
    updateToken(body);
    notice(t("joined"));
    scheduleQueuePoll();
  }

  function scheduleQueuePoll() {
    stopTimer("queue");
    if (!isLive(state.token)) return;
    // While waiting, the server says when to ask again: far back rarely, near the front every
    // few seconds, with jitter so that a crowd's polls do not come in waves.
    const waitingDelay = state.token.pollAfterSeconds ? state.token.pollAfterSeconds * 1000 : QUEUE_POLL_FALLBACK_MS;
    const delay = state.token.status === "ACTIVE" ? ACTIVE_POLL_MS : waitingDelay;
    $("queue-panel").dataset.pollAfter = String(state.token.pollAfterSeconds || "");
    state.timers.queue = setTimeout(pollQueue, delay);
  }

  async function pollQueue() {
    const token = state.token;
    if (!token) return;
    try {
      const { body } = await api("GET", "/queue/status", { queueToken: token.token });
      if (state.token !== token) return; // left or re-joined meanwhile
      updateToken(body);
    } catch (error) {
      if (state.token !== token) return;
      if (error instanceof ApiError && error.status === 401 && error.code !== "UNAUTHENTICATED") {
        updateToken(Object.assign({}, token, { status: "EXPIRED", activeUntil: null }));
      }
      report(error);
    }
    scheduleQueuePoll();
  }

  function updateToken(token) {
    const before = state.token && state.token.status;
    state.token = token;
    if (token.saleState) state.saleState = token.saleState;
    if (token.status === "WAITING" && token.position !== null
        && (state.firstPosition === null || token.position > state.firstPosition)) {
      state.firstPosition = token.position;
    }
    // The token says whether it waits for the draw: a join just after the opening may still read
    // saleState UPCOMING and position null, yet it is not in the draw. Kept once placed, for the draw's place.
    if (token.preQueue) state.preQueued = true;
    if (state.preQueued && state.drawPlace === null && (token.status === "ACTIVE" || isPlaced(token))) {
      // The moment of the draw: the pre-queue token has its place; the seed is published by now.
      state.drawPlace = token.status === "ACTIVE" ? 0 : token.position;
      if (token.status === "WAITING") notice(t("drawPlaced", { n: token.position }));
    }
    if (state.preQueued && state.drawPlace !== null && !state.drawSeed) loadDrawSeed().catch(report);
    if (token.status === "ACTIVE" && before !== "ACTIVE") notice(t("admitted"));
    if (token.status === "CLOSED" && before !== "CLOSED") notice(t("queueClosed"));
    if ((token.status === "EXPIRED" || token.status === "CLOSED") && before !== token.status) {
      if (token.status === "EXPIRED" && !token.spent) notice(t("queueExpired"));
      loadBoard();
      stopTimer("seats");
      state.entered = false;
      $("booking-section").hidden = true;
    }
    renderQueue();
  }

  function renderQueue() {
    $("queue-concert").textContent = state.concert ? state.concert.title : "";
    const token = state.token;
    $("queue-panel").hidden = !token;
    renderSale();
    if (!token) return;
    const status = $("queue-status");
    status.textContent = t(token.spent && token.status === "EXPIRED" ? "queue.SPENT" : "queue." + token.status);
    status.dataset.status = token.status;
    const position = $("queue-position");
    const placed = token.position !== null && token.position !== undefined;
    position.dataset.position = placed ? String(token.position) : "";
    const positionText = token.status === "ACTIVE" ? t("positionActive")
      : token.status !== "WAITING" ? "-"
        : placed ? t("positionValue", { n: token.position })
          : state.preQueued ? t(beforeOpening() ? "positionPreQueue" : "positionDrawing")
            // Joined just after the opening while the draw is under way: no place yet, but not drawn.
            : t(saleView() === "OPENING" ? "positionNotDrawn" : "positionPlacing");
    if (position.textContent !== positionText) position.textContent = positionText;
    $("queue-eta").textContent = token.status !== "WAITING" ? t("etaNone")
      : !placed && state.preQueued ? t("etaAtOpening")
      : token.estimatedWaitSeconds === null || token.estimatedWaitSeconds === undefined ? t("etaUnknown")
        : duration(token.estimatedWaitSeconds);
    const progress = $("queue-progress");
    let percent = 0;
    if (token.status === "ACTIVE") {
      percent = 100;
    } else if (token.status === "WAITING" && placed && state.firstPosition) {
      percent = Math.round(100 * (state.firstPosition - token.position + 1) / (state.firstPosition + 1));
    }
    progress.value = percent;
    progress.setAttribute("aria-valuetext", percent + "%");
    $("queue-remaining-row").hidden = token.status !== "ACTIVE";
    renderRemaining();
    $("queue-enter").hidden = token.status !== "ACTIVE" || state.entered;
  }

  function renderRemaining() {
    const token = state.token;
    if (!token || token.status !== "ACTIVE" || !token.activeUntil) return;
    const left = Date.parse(token.activeUntil) - serverNow();
    $("queue-remaining").textContent = clock(left);
  }

  async function enter() {
    await loadSchedules();
    state.entered = true;
    $("booking-section").hidden = false;
    renderQueue();
    const first = document.querySelector("#schedule-list button");
    (first || $("schedules-refresh")).focus();
  }

  const isTokenEnd = (error) => error instanceof ApiError && (error.code === "TOKEN_EXPIRED" || error.code === "TOKEN_INVALID");

  /** A gated call failed: a spent or expired token means a new turn in the queue. */
  function gatedFailure(error) {
    if (isTokenEnd(error)) {
      updateToken(Object.assign({}, state.token, { status: "EXPIRED", activeUntil: null }));
    }
    throw error;
  }

  // ---- schedules and seats ----------------------------------------------------------------

  async function loadSchedules() {
    const concertId = state.concert.concertId;
    const { body } = await api("GET", "/concerts/" + encodeURIComponent(concertId) + "/schedules",
      { queueToken: state.token.token }).catch(gatedFailure);
    state.schedules = body.schedules;
    rememberDates(body.schedules);
    renderSchedules();
    renderPaymentRows(); // rows of these dates showed none: now their date
  }

  function renderSchedules() {
    const list = $("schedule-list");
    list.replaceChildren();
    state.schedules.forEach((schedule) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.id = "schedule-" + schedule.scheduleId;
      button.dataset.testid = "schedule-" + schedule.scheduleId;
      button.dataset.scheduleId = schedule.scheduleId;
      button.setAttribute("aria-pressed", String(Boolean(state.schedule && state.schedule.scheduleId === schedule.scheduleId)));
      button.textContent = scheduleLabel(schedule);
      button.addEventListener("click", () => act(null, () => pickSchedule(schedule)));
      li.appendChild(button);
      list.appendChild(li);
    });
    $("schedules-empty").hidden = !(state.entered && state.schedules.length === 0);
  }

  /** "Thu, 24 Dec 2026 19:00 · 12 left": the start in the venue's zone. */
  const scheduleLabel = (schedule) => dateText(schedule.date) + (schedule.startsAt ? " " + timeText(schedule.startsAt, state.concert.concertId) : "")
    + " · " + t("seatsLeft", { n: schedule.availableSeats });

  async function pickSchedule(schedule) {
    state.schedule = schedule;
    state.seats = [];
    state.selection = [];
    renderOrder();
    renderSchedules();
    $("seat-panel").hidden = false;
    await loadSeats();
    startSeatRefresh();
  }

  async function loadSeats() {
    const schedule = state.schedule;
    if (!schedule || !state.token) return;
    const path = "/concerts/" + encodeURIComponent(state.concert.concertId) + "/schedules/"
      + encodeURIComponent(schedule.scheduleId) + "/seats";
    const { body } = await api("GET", path, { queueToken: state.token.token }).catch(gatedFailure);
    if (state.schedule !== schedule) return;
    state.seats = body.seats;
    // A picked seat someone else took meanwhile is no longer picked.
    const free = new Set(body.seats.filter((seat) => seat.status === "AVAILABLE").map((seat) => seat.seatNo));
    if (state.selection.some((seatNo) => !free.has(seatNo))) {
      state.selection = state.selection.filter((seatNo) => free.has(seatNo));
      renderOrder();
    }
    renderSeats();
    // The date's "seats left" follows the seat map (holds and sales since the dates were loaded).
    const available = body.seats.filter((seat) => seat.status === "AVAILABLE").length;
    if (schedule.availableSeats !== available) {
      schedule.availableSeats = available;
      const button = $("schedule-" + schedule.scheduleId);
      if (button) button.textContent = scheduleLabel(schedule);
    }
  }

  function startSeatRefresh() {
    stopTimer("seats");
    state.timers.seats = setInterval(() => {
      if ($("booking-section").hidden || document.hidden) return;
      const token = state.token;
      loadSeats().catch((error) => {
        stopTimer("seats");
        // A spent or expired token (a payment racing this refresh, or time up) is shown by the
        // queue panel already; only other failures are errors.
        if (state.token !== token || isTokenEnd(error)) return;
        report(error);
      });
    }, SEAT_REFRESH_MS);
  }

  function isMine(seat) {
    return Boolean(state.hold && state.hold.status === "HELD" && state.schedule
      && state.hold.scheduleId === state.schedule.scheduleId && seatsOf(state.hold).includes(seat.seatNo)
      && Date.parse(state.hold.holdExpiresAt) > serverNow());
  }

  function renderSeats() {
    const map = $("seat-map");
    $("seat-panel").hidden = !state.schedule;
    $("seat-schedule").textContent = state.schedule ? dateText(state.schedule.date) : "";
    const focusedSeat = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.seatNo : undefined;
    const existing = new Map(Array.from(map.children).map((b) => [b.dataset.seatNo, b]));
    const wanted = new Set();
    state.seats.forEach((seat) => {
      const key = String(seat.seatNo);
      wanted.add(key);
      let button = existing.get(key);
      if (!button) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "seat";
        button.id = "seat-" + key;
        button.dataset.testid = "seat-" + key;
        button.dataset.seatNo = key;
        button.textContent = key;
        button.addEventListener("click", () => toggleSeat(Number(button.dataset.seatNo)));
        map.appendChild(button);
      }
      const mine = isMine(seat);
      const picked = seat.status === "AVAILABLE" && state.selection.includes(seat.seatNo);
      button.dataset.status = seat.status;
      button.dataset.mine = String(mine);
      button.dataset.selected = String(picked);
      button.dataset.price = String(seat.price);
      button.setAttribute("aria-disabled", String(seat.status !== "AVAILABLE"));
      // A free seat is a toggle (picked or not); a taken one is not pressable.
      if (seat.status === "AVAILABLE") {
        button.setAttribute("aria-pressed", String(picked));
      } else {
        button.removeAttribute("aria-pressed");
      }
      const label = t(mine ? "seatLabelMine" : picked ? "seatLabelSelected" : "seatLabel",
        { n: seat.seatNo, status: t("status." + seat.status), price: money(seat.price) });
      button.setAttribute("aria-label", label);
      button.title = label;
    });
    existing.forEach((button, key) => { if (!wanted.has(key)) button.remove(); });
    // One tab stop for the whole map (arrow keys move inside it): the last focused seat, else the
    // first available one.
    if (!state.seatFocus || !wanted.has(String(state.seatFocus))) {
      const first = state.seats.find((seat) => seat.status === "AVAILABLE") || state.seats[0];
      state.seatFocus = first ? first.seatNo : null;
    }
    Array.from(map.children).forEach((b) => { b.tabIndex = b.dataset.seatNo === String(state.seatFocus) ? 0 : -1; });
    if (focusedSeat && !document.activeElement.isConnected) {
      const again = $("seat-" + focusedSeat);
      if (again) again.focus();
    }
    renderSeatPrices();
  }

  /** Prices by consecutive seat range with one price ("Seats 1-10: 150,000 KRW"). */
  function renderSeatPrices() {
    const list = $("seat-prices");
    list.setAttribute("aria-label", t("pricesLabel"));
    const ranges = [];
    state.seats.forEach((seat) => {
      const last = ranges[ranges.length - 1];
      if (last && last.price === seat.price && last.last === seat.seatNo - 1) {
        last.last = seat.seatNo;
      } else {
        ranges.push({ first: seat.seatNo, last: seat.seatNo, price: seat.price });
      }
    });
    list.replaceChildren(...ranges.map((range) => {
      const li = document.createElement("li");
      li.textContent = t("priceRange", { first: range.first, last: range.last, price: money(range.price) });
      return li;
    }));
  }

  /** Arrow keys move between seats (a row is 10 seats), Home/End to the first/last seat. */
  function seatKeys(event) {
    const current = event.target.closest && event.target.closest("button.seat");
    if (!current) return;
    const n = Number(current.dataset.seatNo);
    const count = state.seats.length;
    const next = { ArrowRight: n + 1, ArrowLeft: n - 1, ArrowDown: n + 10, ArrowUp: n - 10, Home: 1, End: count }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = $("seat-" + Math.min(count, Math.max(1, next)));
    if (target) target.focus();
  }

  function seatFocused(event) {
    const seat = event.target.closest && event.target.closest("button.seat");
    if (!seat) return;
    state.seatFocus = Number(seat.dataset.seatNo);
    Array.from($("seat-map").children).forEach((b) => { b.tabIndex = b === seat ? 0 : -1; });
  }

  // ---- hold and payment -----------------------------------------------------------------

  /** Picks or unpicks a free seat for the next order (at most MAX_SEATS). */
  function toggleSeat(seatNo) {
    const seat = state.seats.find((s) => s.seatNo === seatNo);
    if (!seat || seat.status !== "AVAILABLE" || !state.token) return;
    clearError();
    if (state.selection.includes(seatNo)) {
      state.selection = state.selection.filter((n) => n !== seatNo);
    } else if (state.selection.length >= MAX_SEATS) {
      notice(t("orderFull", { max: MAX_SEATS }));
      return;
    } else {
      state.selection = [...state.selection, seatNo].sort((a, b) => a - b);
    }
    renderSeats();
    renderOrder();
  }

  function renderOrder() {
    const picked = state.selection;
    const total = picked.reduce((sum, seatNo) => {
      const seat = state.seats.find((s) => s.seatNo === seatNo);
      return sum + (seat ? seat.price : 0);
    }, 0);
    const summary = $("order-summary");
    summary.textContent = picked.length === 0 ? t("orderNone", { max: MAX_SEATS })
      : tn("orderSummary", picked.length, { n: picked.length, seats: picked.join(", "), total: money(total) });
    summary.dataset.seats = picked.join(",");
    summary.dataset.total = String(total);
    $("order-hold").textContent = picked.length === 0 ? t("orderHoldNone") : tn("orderHold", picked.length, { n: picked.length });
    $("order-hold").disabled = picked.length === 0;
    $("order-clear").disabled = picked.length === 0;
  }

  /** Holds the picked seats together, all or nothing. */
  async function holdOrder() {
    const seatNos = state.selection.slice();
    if (seatNos.length === 0 || !state.token) return;
    const { body } = await api("POST", "/reservations", {
      queueToken: state.token.token,
      json: { concertId: state.concert.concertId, scheduleId: state.schedule.scheduleId, seatNos },
    }).catch(async (error) => {
      if (error instanceof ApiError && error.code === "SEAT_UNAVAILABLE") {
        await loadSeats().catch(() => {}); // someone was faster: show those seats as taken, unpicked
      }
      if (error instanceof ApiError && error.code === "TICKET_LIMIT") {
        // With a live hold of this concert, paying or giving it up is the way on; without, what the limit leaves.
        error.context.holding = Boolean(state.hold && state.hold.status === "HELD" && state.hold.concertId === state.concert.concertId
          && Date.parse(state.hold.holdExpiresAt) > serverNow());
      }
      return gatedFailure(error);
    });
    state.selection = [];
    state.hold = Object.assign({}, body, { date: state.schedule.date });
    saveHold();
    state.lastPayment = null;
    renderPaymentResult();
    notice(tn("held", seatsOf(body).length, { n: seatsOf(body).join(", ") }));
    renderHold();
    renderOrder();
    await loadSeats().catch(() => {});
    $("pay-button").focus();
  }

  /** Gives the hold up: its seats are free for others at once. */
  async function releaseHold() {
    const hold = state.hold;
    if (!hold) return;
    await api("DELETE", "/reservations/" + encodeURIComponent(hold.reservationId));
    const { body } = await api("GET", "/reservations/" + encodeURIComponent(hold.reservationId));
    state.hold = Object.assign({}, body, { date: hold.date });
    saveHold();
    renderHold();
    notice(body.status === "RELEASED" ? t("released") : t("holdExpired"));
    await loadSeats().catch(() => {});
    const first = document.querySelector("#seat-map button[tabindex='0']");
    if (first && !$("booking-section").hidden) first.focus();
  }

  function renderHold() {
    const hold = state.hold;
    $("hold-section").hidden = !hold;
    if (!hold) return;
    $("hold-seat").textContent = tn("holdSeatValue", seatsOf(hold).length,
      { date: dateOf(hold.scheduleId, hold.date), n: seatsOf(hold).join(", ") });
    $("hold-price").textContent = money(hold.price);
    const expired = hold.status === "HELD" && Date.parse(hold.holdExpiresAt) <= serverNow();
    const status = expired ? "EXPIRED" : hold.status;
    $("hold-status").textContent = t("hold." + status);
    $("hold-status").dataset.status = status;
    $("hold-countdown").textContent = hold.status === "HELD" ? clock(Date.parse(hold.holdExpiresAt) - serverNow()) : "-";
    $("pay-button").hidden = status !== "HELD";
    $("release-button").hidden = status !== "HELD";
  }

  async function pay() {
    const hold = state.hold;
    if (!hold) return;
    if (!state.token || state.token.status !== "ACTIVE" || state.token.concertId !== hold.concertId) {
      // Paying is gated: after a reload or a lapsed turn the user needs this concert's token again
      // (joining returns the live one, if any).
      if (!state.concert || state.concert.concertId !== hold.concertId) pickConcert(hold.concertId);
      showError(t("needQueueToPay"), undefined, $("pay-button"));
      if (!$("queue-join").hidden) $("queue-join").focus();
      return;
    }
    stopTimer("seats"); // a refresh racing the payment would only see the token spent
    const { body } = await api("POST", "/payments", {
      queueToken: state.token.token,
      json: { reservationId: hold.reservationId },
    }).catch(async (error) => {
      if (error instanceof ApiError && error.code === "HOLD_EXPIRED") {
        state.hold = Object.assign({}, hold, { status: "EXPIRED" });
        saveHold();
        renderHold();
      }
      if (error instanceof ApiError && error.code === "INSUFFICIENT_BALANCE") {
        await refreshBalance().catch(() => {}); // the message says how much is missing
        Object.assign(error.context, { price: hold.price, balance: state.balance });
      }
      if (state.schedule && !isTokenEnd(error)) startSeatRefresh();
      return gatedFailure(error);
    });
    state.hold = Object.assign({}, hold, { status: "CONFIRMED" });
    saveHold();
    renderHold();
    // The payment spends the queue token: another purchase needs a new turn.
    stopTimer("queue");
    updateToken(Object.assign({}, state.token, { status: "EXPIRED", activeUntil: null, spent: true }));
    state.lastPayment = { payment: body, date: hold.date };
    renderPaymentResult();
    notice($("payment-result-text").textContent);
    await Promise.all([refreshBalance(), loadPayments(true)]);
  }

  function renderPaymentResult() {
    const last = state.lastPayment;
    $("payment-result").hidden = !last;
    if (!last) return;
    $("payment-result-text").textContent = tn("paidText", seatsOf(last.payment).length, {
      date: dateOf(last.payment.scheduleId, last.date), n: seatsOf(last.payment).join(", "),
      amount: money(last.payment.amount), id: last.payment.paymentId });
  }

  // ---- wallet and payments ----------------------------------------------------------------

  async function refreshBalance() {
    const { body } = await api("GET", "/users/me/balance");
    renderBalance(body.balance);
  }

  function renderBalance(balance) {
    state.balance = balance;
    const el = $("balance");
    el.textContent = money(balance);
    el.dataset.balance = String(balance);
  }

  function newIdempotencyKey() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  async function charge() {
    const raw = $("charge-amount").value.trim();
    const amount = Number(raw);
    if (!/^\d+$/.test(raw) || amount < 1 || amount > 1000000) {
      showError(t("chargeInvalid"), undefined, $("charge-button"));
      $("charge-amount").focus();
      return;
    }
    // A retry of the same amount after a failure reuses the key: the server charges once.
    if (!state.pendingCharge || state.pendingCharge.amount !== amount) {
      state.pendingCharge = { amount, key: newIdempotencyKey() };
    }
    try {
      const { body } = await api("POST", "/users/me/balance/charges",
        { json: { amount }, idempotencyKey: state.pendingCharge.key });
      state.pendingCharge = null;
      renderBalance(body.balance);
      notice(t("charged", { amount: money(body.chargedAmount) }));
      $("charge-amount").value = "";
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
        state.pendingCharge = null; // refused for good: a new attempt is a new charge
      }
      throw error;
    }
  }

  async function loadPayments(reset) {
    const cursor = reset ? null : state.paymentsCursor;
    const query = "?limit=10" + (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
    const { body } = await api("GET", "/users/me/payments" + query);
    const list = $("payments-list");
    if (reset) list.replaceChildren();
    body.payments.forEach((payment) => list.appendChild(paymentRow(payment)));
    state.paymentsCursor = body.nextCursor;
    $("payments-more").hidden = !body.nextCursor;
    $("payments-empty").hidden = list.children.length > 0;
  }

  function paymentRow(payment) {
    const tr = document.createElement("tr");
    tr.dataset.testid = "payment-" + payment.paymentId;
    tr.id = "payment-" + payment.paymentId;
    tr.dataset.payment = JSON.stringify(payment);
    tr.setAttribute("role", "row");
    fillPaymentRow(tr, payment);
    return tr;
  }

  function fillPaymentRow(tr, payment) {
    const concert = state.concerts.get(payment.concertId);
    // The date of the concert, as far as this device has seen the concert's dates (a payment carries no date).
    const cells = [instantText(payment.paidAt, payment.concertId), concert ? concert.title : payment.concertId, dateOf(payment.scheduleId),
      seatsOf(payment).join(", "), money(payment.amount)];
    const columns = ["colPaidAt", "colConcert", "colSchedule", "colSeat", "colAmount"];
    tr.replaceChildren(...cells.map((text, i) => {
      const td = document.createElement("td");
      td.setAttribute("role", "cell");
      td.dataset.label = t(columns[i]); // the column's name where rows are laid out as cards (phones)
      td.textContent = text;
      if (i === 4) td.className = "amount";
      return td;
    }));
  }

  function renderPaymentRows() {
    document.querySelectorAll("#payments-list tr").forEach((tr) => fillPaymentRow(tr, JSON.parse(tr.dataset.payment)));
  }

  // ---- timers ---------------------------------------------------------------------------

  function stopTimer(name) {
    if (state.timers[name]) {
      clearTimeout(state.timers[name]);
      clearInterval(state.timers[name]);
      state.timers[name] = null;
    }
  }

  /** Four times a second: the countdowns (active time, hold) move without a request. */
  function tick() {
    renderRemaining();
    renderCountdown();
    if (state.hold && state.hold.status === "HELD") {
      const wasMine = state.seats.some(isMine);
      renderHold();
      if (Date.parse(state.hold.holdExpiresAt) <= serverNow()) {
        state.hold = Object.assign({}, state.hold, { status: "EXPIRED" });
        saveHold();
        notice(t("holdExpired"));
        renderHold();
        if (wasMine) renderSeats();
      }
    }
  }

  // ---- wiring ---------------------------------------------------------------------------

  function init() {
    $("lang-switch").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-lang]");
      if (!button) return;
      state.lang = button.dataset.lang;
      store.setItem("lang", state.lang);
      applyLanguage();
    });
    $("sign-in").addEventListener("click", (e) => act(e.currentTarget, signIn));
    $("sign-out").addEventListener("click", (e) => act(e.currentTarget, signOut));
    signin.onEnded(() => {
      userChanged();
      showError(t("sessionExpired"));
    });
    $("connection-form").addEventListener("submit", (event) => {
      event.preventDefault();
      state.apiBase = $("api-base").value.trim();
      store.setItem("apiBase", state.apiBase);
      notice(t("connectionSaved"));
      userChanged();
      act(null, () => loadConcerts(true));
    });
    $("concerts-more").addEventListener("click", (e) => act(e.currentTarget, () => loadConcerts(false)));
    $("queue-join").addEventListener("click", (e) => act(e.currentTarget, joinQueue));
    $("queue-enter").addEventListener("click", (e) => act(e.currentTarget, enter));
    $("draw-find").addEventListener("click", (e) => act(e.currentTarget, findDrawEntry));
    $("schedules-refresh").addEventListener("click", (e) => act(e.currentTarget, loadSchedules));
    $("pay-button").addEventListener("click", (e) => act(e.currentTarget, pay));
    $("release-button").addEventListener("click", (e) => act(e.currentTarget, releaseHold));
    $("order-hold").addEventListener("click", (e) => act(e.currentTarget, holdOrder));
    $("order-clear").addEventListener("click", () => {
      state.selection = [];
      renderSeats();
      renderOrder();
    });
    $("seat-map").addEventListener("keydown", seatKeys);
    $("seat-map").addEventListener("focusin", seatFocused);
    $("balance-refresh").addEventListener("click", (e) => act(e.currentTarget, refreshBalance));
    $("charge-form").addEventListener("submit", (e) => {
      e.preventDefault();
      act($("charge-button"), charge);
    });
    $("payments-refresh").addEventListener("click", (e) => act(e.currentTarget, () => loadPayments(true)));
    $("payments-more").addEventListener("click", (e) => act(e.currentTarget, () => loadPayments(false)));
    state.timers.tick = setInterval(tick, 250);

    applyLanguage();
    act(null, () => loadConcerts(true));
    act(null, startSession);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
