// The web app's sign-in (webapp/signin.js) on its own, in node, against a provider this script plays:
// the checks of the provider's answers that the browser test does not reach (issuer, audience,
// expiry; a refresh answered without a new refresh token, as Cognito's is; Cognito's logout, whose
// discovery document names no end_session_endpoint). The page around it is a stand-in: the
// address, the tab's sessionStorage and fetch; the script itself runs unchanged.
//
//   node local/src/test/browser/signin.mjs    (SignInScriptTest runs it during `mvn verify`)
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../webapp/signin.js");
const ISSUER = "https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_Example";
const CLIENT = "concert-web";
const APP = "https://tickets.example/";

function check(condition, message) {
  if (!condition) throw new Error("expectation failed: " + message);
}

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = (claims) => [b64({ alg: "RS256", kid: "k" }), b64(claims), "c2lnbmF0dXJl"].join(".");
const now = () => Math.floor(Date.now() / 1000);

/**
 * A page of the app at {@code url}: signin.js loaded into a context of its own, a sessionStorage
 * that outlives the page (a reload, a return from the provider), and a provider answering fetch.
 */
async function page(url, { storage = new Map(), provider, auth = {} } = {}) {
  const source = await readFile(SCRIPT, "utf8");
  const visits = [];
  let address = new URL(url);
  const sessionStorage = {
    getItem: (key) => (storage.has(key) ? storage.get(key) : null),
    setItem: (key, value) => storage.set(key, String(value)),
    removeItem: (key) => storage.delete(key),
  };
  const window = {
    sessionStorage,
    crypto: globalThis.crypto,
  };
  const context = vm.createContext({
    window, sessionStorage, fetch: provider.fetch, URL, URLSearchParams, TextEncoder, TextDecoder, btoa, atob,
    setTimeout: () => 0, clearTimeout: () => {}, console,
    location: {
      get href() { return address.toString(); },
      get origin() { return address.origin; },
      get pathname() { return address.pathname; },
      assign: (to) => visits.push(new URL(to)),
    },
    history: { state: null, replaceState: (state, title, to) => { address = new URL(to, address); } },
  });
  vm.runInContext(source, context);
  const signin = window.ConcertSignIn.create(Object.assign({ issuer: ISSUER, clientId: CLIENT, scope: "openid profile" }, auth));
  return { signin, visits, storage, address: () => address.toString() };
}

/** The provider: discovery, and a token endpoint whose ID token {@code idClaims} may alter. */
function provider({ endSession = false, idClaims = (claims) => claims, refreshAnswer } = {}) {
  const requests = [];
  let nonce = null;
  const fetch = async (url, init = {}) => {
    requests.push({ url, body: init.body ? new URLSearchParams(init.body) : null });
    const json = (status, body) => ({ ok: status < 300, status, json: async () => body });
    if (url === ISSUER + "/.well-known/openid-configuration") {
      return json(200, Object.assign({
        issuer: ISSUER, authorization_endpoint: "https://auth.example/oauth2/authorize",
        token_endpoint: "https://auth.example/oauth2/token", jwks_uri: ISSUER + "/.well-known/jwks.json",
      }, endSession ? { end_session_endpoint: "https://auth.example/end-session?x=1" } : {}));
    }
    if (url === "https://auth.example/oauth2/token") {
      const form = requests.at(-1).body;
      if (form.get("grant_type") === "refresh_token") return refreshAnswer ? refreshAnswer(form) : json(400, { error: "invalid_grant" });
      const claims = idClaims({ iss: ISSUER, aud: CLIENT, sub: "5fe4abc-sub", "cognito:username": "auth0|5fe4abc", nonce,
        exp: now() + 3600, iat: now() });
      return json(200, { access_token: "access-1", id_token: jwt(claims), refresh_token: "refresh-1", token_type: "Bearer", expires_in: 3600 });
    }
    return json(404, {});
  };
  return { fetch, requests, setNonce: (value) => { nonce = value; } };
}

/** Signs in up to the provider's answer; resolves to the page the provider sends back to, not yet completed. */
async function toProviderAndBack(options) {
  const storage = new Map();
  const first = await page(APP, Object.assign({ storage }, options));
  await first.signin.signIn();
  const authorize = first.visits[0];
  const params = authorize.searchParams;
  options.provider.setNonce(params.get("nonce"));
  return { authorize, back: await page(`${APP}?code=the-code&state=${params.get("state")}`, Object.assign({ storage }, options)) };
}

async function refused(options, code, why) {
  const { back } = await toProviderAndBack(options);
  let error = null;
  await back.signin.completeRedirect().catch((e) => { error = e; });
  check(error && error.code === code, `${why}: refused with ${code}, got ${error && error.code} ${error && error.message}`);
  check(back.signin.session() === null, why + ": nobody is signed in");
  check(back.address() === APP, why + ": the answer is stripped from the address: " + back.address());
}

const cases = {
  async "the authorization request: code, PKCE S256 of the verifier kept in the tab, state and nonce of 32 random bytes"() {
    const idp = provider();
    const { authorize, back } = await toProviderAndBack({ provider: idp });
    const params = authorize.searchParams;
    check(authorize.origin + authorize.pathname === "https://auth.example/oauth2/authorize", "the discovered endpoint: " + authorize);
    for (const [name, value] of [["response_type", "code"], ["client_id", CLIENT], ["redirect_uri", APP], ["scope", "openid profile"],
      ["code_challenge_method", "S256"]]) {
      check(params.get(name) === value, `${name} is ${value}: ${params.get(name)}`);
    }
    check(/^[A-Za-z0-9_-]{43}$/.test(params.get("state")) && /^[A-Za-z0-9_-]{43}$/.test(params.get("nonce")), "state and nonce: " + params);
    check(params.get("state") !== params.get("nonce"), "state and nonce differ");
    const pending = JSON.parse(back.storage.get("signin.pending"));
    check(params.get("code_challenge") === createHash("sha256").update(pending.verifier).digest("base64url"), "the challenge is S256 of the verifier");
    check(await back.signin.completeRedirect() === "signed-in", "the answer signs in");
    const exchange = idp.requests.find((r) => r.body && r.body.get("grant_type") === "authorization_code").body;
    check(exchange.get("code") === "the-code" && exchange.get("code_verifier") === pending.verifier && exchange.get("redirect_uri") === APP
      && exchange.get("client_id") === CLIENT, "the exchange sends the code, the verifier, the same redirect_uri: " + exchange);
    const session = back.signin.session();
    check(session.user === "auth0|5fe4abc" && session.sub === "5fe4abc-sub", "cognito:username is shown, sub kept: " + JSON.stringify(session));
    check(!back.storage.has("signin.pending"), "the pending sign-in is used up");
  },
  async "an ID token of another issuer is refused"() {
    await refused({ provider: provider({ idClaims: (c) => Object.assign(c, { iss: "https://evil.example" }) }) }, "BAD_ID_TOKEN", "another issuer");
  },
  async "an ID token for another client is refused"() {
    await refused({ provider: provider({ idClaims: (c) => Object.assign(c, { aud: "another-client" }) }) }, "BAD_ID_TOKEN", "another audience");
  },
  async "an expired ID token is refused"() {
    await refused({ provider: provider({ idClaims: (c) => Object.assign(c, { exp: now() - 1 }) }) }, "BAD_ID_TOKEN", "expired");
  },
  async "an ID token without the nonce is refused"() {
    await refused({ provider: provider({ idClaims: (c) => Object.assign(c, { nonce: undefined }) }) }, "NONCE_MISMATCH", "no nonce");
  },
  async "a refresh answered without a refresh token (Cognito) keeps the first one; a refused refresh ends the session"() {
    let refreshes = 0;
    const idp = provider({
      refreshAnswer: (form) => {
        refreshes += 1;
        check(form.get("refresh_token") === "refresh-1", "the first refresh token is sent each time: " + form);
        if (refreshes === 2) return { ok: false, status: 400, json: async () => ({ error: "invalid_grant" }) };
        const claims = { iss: ISSUER, aud: CLIENT, sub: "5fe4abc-sub", "cognito:username": "auth0|5fe4abc", exp: now() + 3600 };
        return { ok: true, status: 200, json: async () => ({ access_token: "access-2", id_token: jwt(claims), expires_in: 3600 }) };
      },
    });
    const { back } = await toProviderAndBack({ provider: idp });
    await back.signin.completeRedirect();
    const ended = [];
    back.signin.onEnded((reason) => ended.push(reason));
    back.storage.set("signin.session", JSON.stringify(Object.assign(back.signin.session(), { expiresAt: Date.now() + 30000 })));
    check(await back.signin.accessToken() === "access-2", "a token a minute from its expiry is refreshed before use");
    check(back.signin.session().refreshToken === "refresh-1", "the refresh token is kept");
    check(await back.signin.renewAfterRejection("access-2") === false, "a refused refresh renews nothing");
    check(back.signin.session() === null && ended.join() === "expired", "and ends the session: " + ended);
  },
  async "Cognito: signing out goes to logoutUrl with client_id and logout_uri, and the return is signed out"() {
    const idp = provider();
    const options = { provider: idp, auth: { logoutUrl: "https://tickets.auth.ap-northeast-2.amazoncognito.com/logout" } };
    const { back } = await toProviderAndBack(options);
    await back.signin.completeRedirect();
    check(await back.signin.signOut() === true, "the provider is told");
    check(back.signin.session() === null, "the session here is gone first");
    const logout = back.visits.at(-1);
    check(logout.origin + logout.pathname === "https://tickets.auth.ap-northeast-2.amazoncognito.com/logout"
      && logout.searchParams.get("client_id") === CLIENT && logout.searchParams.get("logout_uri") === APP, "Cognito's logout: " + logout);
    const returned = await page(APP, Object.assign({ storage: back.storage }, options));
    check(await returned.signin.completeRedirect() === "signed-out", "the return from the logout is noted");
  },
  async "OpenID: signing out goes to end_session_endpoint with the ID token as hint and a state checked on return"() {
    const idp = provider({ endSession: true });
    const { back } = await toProviderAndBack({ provider: idp });
    await back.signin.completeRedirect();
    const idToken = back.signin.session().idToken;
    await back.signin.signOut();
    const logout = back.visits.at(-1);
    const params = logout.searchParams;
    check(logout.origin + logout.pathname === "https://auth.example/end-session" && params.get("x") === "1", "the endpoint, its query kept: " + logout);
    check(params.get("client_id") === CLIENT && params.get("post_logout_redirect_uri") === APP && params.get("id_token_hint") === idToken
      && /^[A-Za-z0-9_-]{43}$/.test(params.get("state")), "the logout request: " + params);
    const forged = await page(APP + "?state=forged", { storage: new Map(back.storage), provider: idp });
    const error = await forged.signin.completeRedirect().then(() => null, (e) => e);
    check(error && error.code === "STATE_MISMATCH", "a logout answer with another state is refused: " + error);
    const returned = await page(`${APP}?state=${params.get("state")}`, { storage: back.storage, provider: idp });
    check(await returned.signin.completeRedirect() === "signed-out" && returned.address() === APP, "the return is signed out, its address clean");
  },
  async "without auth settings, signing in says so"() {
    const storage = new Map();
    const source = await page(APP, { storage, provider: provider() });
    const signin = source.signin;
    check(signin.configured(), "configured with an issuer and a client");
    const bare = await page(APP, { storage, provider: provider(), auth: { issuer: "" } });
    const error = await bare.signin.signIn().then(() => null, (e) => e);
    check(error && error.code === "NOT_CONFIGURED", "no issuer: " + error);
  },
};

let failed = 0;
for (const [name, run] of Object.entries(cases)) {
  try {
    await run();
    console.log("ok   " + name);
  } catch (error) {
    failed += 1;
    console.log("FAIL " + name + "\n     " + (error && error.stack ? error.stack : error));
  }
}
process.exit(failed === 0 ? 0 : 1);
