/*
 * Signing in with OpenID Connect: the authorization code flow with PKCE (S256) against the provider
 * of CONCERT_CONFIG.auth (config.js): the runtime's development issuer locally, Cognito's managed
 * sign-in in AWS. app.js uses it as window.ConcertSignIn.create(CONCERT_CONFIG.auth).
 *
 * The session (tokens, who signed in) lives in sessionStorage, not localStorage: it survives a
 * reload and the round trip to the provider in the same tab, and it ends with the tab, so a refresh
 * token (Cognito's last up to 30 days) is never left behind on a shared computer for the next
 * person to use. Another tab signs in on its own (the provider remembers the user, so it is quick).
 *
 * The ID token's signature is not checked here: it comes straight from the token endpoint over TLS
 * in answer to this tab's own code and verifier, and the API verifies the access token it is given.
 * Its issuer, audience, nonce and expiry are checked, so a token meant for another client, another
 * provider or another sign-in is refused.
 */
(function () {
  "use strict";

  const SESSION = "signin.session";  // {accessToken, idToken, refreshToken, expiresAt, sub, user}
  const PENDING = "signin.pending";  // {state, nonce, verifier, redirectUri} while the user is at the provider
  const LOGOUT = "signin.logout";    // the state sent to the provider's logout, checked on the way back
  const DISCOVERY = "signin.discovery"; // the provider's discovery document, read once per tab
  /** Tokens are refreshed this long before they expire, so no call goes out with one about to lapse. */
  const REFRESH_AHEAD_MS = 60000;
  /** Query parameters of the provider's answers: stripped from the address once read. */
  const ANSWER_PARAMS = ["code", "state", "error", "error_description", "error_uri", "session_state", "iss"];
  const store = window.sessionStorage;

  /** A failed sign-in, with the provider's or this module's code ("STATE_MISMATCH", "access_denied", ...). */
  class SignInError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }

  function base64Url(bytes) {
    let binary = "";
    bytes.forEach((b) => { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  /** 32 bytes of crypto.getRandomValues, base64url: a state, a nonce or a PKCE verifier (43 characters). */
  function randomString() {
    const bytes = new Uint8Array(32);
    window.crypto.getRandomValues(bytes);
    return base64Url(bytes);
  }

  async function s256(verifier) {
    if (!window.crypto.subtle) {
      // WebCrypto exists only in secure contexts: https, or http on localhost / 127.0.0.1.
      throw new SignInError("INSECURE_CONTEXT", "PKCE needs WebCrypto: open the app over https or on localhost");
    }
    const digest = await window.crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
    return base64Url(new Uint8Array(digest));
  }

  /** The claims of a JWT, unverified (see the top of this file). */
  function claimsOf(jwt) {
    const parts = String(jwt || "").split(".");
    if (parts.length !== 3) throw new SignInError("BAD_ID_TOKEN", "the ID token is not a JWT");
    try {
      const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
      const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
      return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    } catch (e) {
      throw new SignInError("BAD_ID_TOKEN", "the ID token's claims cannot be read");
    }
  }

  const trimSlash = (url) => String(url || "").replace(/\/+$/, "");

  function read(key) {
    try {
      return JSON.parse(store.getItem(key) || "null");
    } catch (e) {
      return null;
    }
  }

  /** The app's own address without the provider's answer: where the provider sends the user back. */
  function appUrl() {
    return location.origin + location.pathname;
  }

  /** Removes the provider's answer from the address bar (and from history), keeping anything else. */
  function stripAnswer() {
    const url = new URL(location.href);
    ANSWER_PARAMS.forEach((name) => url.searchParams.delete(name));
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  }

  /**
   * The sign-in of one provider. {@code auth} is CONCERT_CONFIG.auth: issuer, clientId, scope, and
   * for Cognito (whose discovery document has no end_session_endpoint) logoutUrl.
   */
  function create(auth) {
    const settings = auth && auth.issuer && auth.clientId ? auth : null;
    const issuer = settings ? trimSlash(settings.issuer) : "";
    let discovery = null;       // the promise of the provider's discovery document
    let refreshing = null;      // the refresh under way, shared by everyone who needs it
    let refreshTimer = null;
    const endedListeners = [];

    function discover() {
      if (!settings) return Promise.reject(new SignInError("NOT_CONFIGURED", "no auth settings in config.js"));
      // Kept in the tab: the return from the provider exchanges its code without asking for it again.
      const kept = read(DISCOVERY);
      if (!discovery && kept && trimSlash(kept.issuer) === issuer) discovery = Promise.resolve(kept);
      discovery = discovery || fetch(issuer + "/.well-known/openid-configuration", { headers: { Accept: "application/json" } })
        .then((response) => {
          if (!response.ok) throw new SignInError("DISCOVERY", "the provider's discovery document answered HTTP " + response.status);
          return response.json();
        })
        .then((doc) => {
          if (trimSlash(doc.issuer) !== issuer) {
            throw new SignInError("DISCOVERY", "the discovery document names another issuer: " + doc.issuer);
          }
          store.setItem(DISCOVERY, JSON.stringify(doc));
          return doc;
        })
        .catch((error) => {
          discovery = null; // try again next time
          throw error instanceof SignInError ? error : new SignInError("UNREACHABLE", String(error && error.message));
        });
      return discovery;
    }

    /** Checks an ID token's claims; {@code nonce} is the one sent with the authorization request (null on refresh). */
    function checkIdToken(idToken, nonce, previousSub) {
      const claims = claimsOf(idToken);
      if (trimSlash(claims.iss) !== issuer) throw new SignInError("BAD_ID_TOKEN", "the ID token is from another issuer: " + claims.iss);
      const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!audiences.includes(settings.clientId)) throw new SignInError("BAD_ID_TOKEN", "the ID token is for another client");
      if (claims.azp !== undefined && claims.azp !== settings.clientId) {
        throw new SignInError("BAD_ID_TOKEN", "the ID token was issued to another client");
      }
      if (typeof claims.exp !== "number" || claims.exp * 1000 <= Date.now()) {
        throw new SignInError("BAD_ID_TOKEN", "the ID token has expired");
      }
      if (nonce !== null && claims.nonce !== nonce) throw new SignInError("NONCE_MISMATCH", "the ID token answers another sign-in");
      if (!claims.sub) throw new SignInError("BAD_ID_TOKEN", "the ID token names no subject");
      if (previousSub && claims.sub !== previousSub) throw new SignInError("BAD_ID_TOKEN", "a refresh returned another user");
      return claims;
    }

    async function tokenRequest(form) {
      const doc = await discover();
      let response;
      try {
        response = await fetch(doc.token_endpoint, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
          body: new URLSearchParams(Object.assign({ client_id: settings.clientId }, form)).toString(),
        });
      } catch (e) {
        throw new SignInError("UNREACHABLE", "the token endpoint cannot be reached");
      }
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        throw new SignInError(body.error || "HTTP_" + response.status, body.error_description || body.error || "HTTP " + response.status);
      }
      if (!body.access_token) throw new SignInError("BAD_TOKEN_RESPONSE", "the token endpoint returned no access token");
      return body;
    }

    function save(tokens, claims, previous) {
      const session = {
        accessToken: tokens.access_token,
        idToken: tokens.id_token || previous.idToken,
        // Cognito's refresh grant returns no new refresh token: the first one stays good.
        refreshToken: tokens.refresh_token || previous.refreshToken || null,
        expiresAt: Date.now() + Number(tokens.expires_in || 3600) * 1000,
        sub: claims.sub,
        user: claims.preferred_username || claims["cognito:username"] || claims.sub,
      };
      store.setItem(SESSION, JSON.stringify(session));
      scheduleRefresh(session);
      return session;
    }

    function scheduleRefresh(session) {
      clearTimeout(refreshTimer);
      refreshTimer = null;
      if (!session || !session.refreshToken) return;
      const due = Math.max(0, session.expiresAt - REFRESH_AHEAD_MS - Date.now());
      refreshTimer = setTimeout(() => { refresh().catch(() => {}); }, due);
    }

    function end(reason) {
      clearTimeout(refreshTimer);
      refreshTimer = null;
      const had = store.getItem(SESSION) !== null;
      store.removeItem(SESSION);
      if (had && reason) endedListeners.forEach((listener) => listener(reason));
    }

    /**
     * New tokens from the refresh token; resolves true when they came. A refusal by the provider
     * ends the session (the listeners hear "expired"); an unreachable provider leaves it as it is.
     */
    function refresh() {
      const session = read(SESSION);
      if (!session || !session.refreshToken) {
        end("expired");
        return Promise.resolve(false);
      }
      refreshing = refreshing || tokenRequest({ grant_type: "refresh_token", refresh_token: session.refreshToken })
        .then((tokens) => {
          const claims = tokens.id_token ? checkIdToken(tokens.id_token, null, session.sub) : { sub: session.sub, preferred_username: session.user };
          save(tokens, claims, session);
          return true;
        })
        .catch((error) => {
          if (error.code === "UNREACHABLE") throw error;
          end("expired");
          return false;
        })
        .finally(() => { refreshing = null; });
      return refreshing;
    }

    return {
      configured: () => Boolean(settings),

      /** The signed-in session ({sub, user, ...}) or null. */
      session: () => read(SESSION),

      /** Calls {@code listener(reason)} when the session ends by itself (a refresh refused). */
      onEnded: (listener) => endedListeners.push(listener),

      /**
       * On load: finishes a sign-in the provider sent the user back from (state checked, code
       * exchanged, ID token checked, address cleaned), or notes a return from its logout.
       * Resolves to "signed-in", "signed-out" or "none"; rejects with a SignInError.
       */
      async completeRedirect() {
        const params = new URL(location.href).searchParams;
        const pending = read(PENDING);
        if (params.has("code") || params.has("error")) {
          store.removeItem(PENDING); // one use: a reload of this address must not try again
          stripAnswer();
          if (!pending || params.get("state") !== pending.state) throw new SignInError("STATE_MISMATCH", "the answer is not for this sign-in");
          if (params.has("error")) throw new SignInError(params.get("error"), params.get("error_description") || params.get("error"));
          const tokens = await tokenRequest({
            grant_type: "authorization_code", code: params.get("code"),
            redirect_uri: pending.redirectUri, code_verifier: pending.verifier,
          });
          if (!tokens.id_token) throw new SignInError("BAD_TOKEN_RESPONSE", "the token endpoint returned no ID token");
          save(tokens, checkIdToken(tokens.id_token, pending.nonce, null), {});
          return "signed-in";
        }
        const logoutState = store.getItem(LOGOUT);
        if (logoutState !== null) {
          store.removeItem(LOGOUT);
          // Cognito's logout sends no state back; one that is sent must be ours.
          if (params.has("state")) {
            stripAnswer();
            if (params.get("state") !== logoutState) throw new SignInError("STATE_MISMATCH", "the answer is not for this sign-out");
          }
          return "signed-out";
        }
        scheduleRefresh(read(SESSION));
        return "none";
      },

      /** Goes to the provider's sign-in page (the user comes back to this page's address). */
      async signIn() {
        const doc = await discover();
        const pending = { state: randomString(), nonce: randomString(), verifier: randomString(), redirectUri: appUrl() };
        const url = new URL(doc.authorization_endpoint);
        const query = {
          response_type: "code", client_id: settings.clientId, redirect_uri: pending.redirectUri,
          scope: settings.scope || "openid", state: pending.state, nonce: pending.nonce,
          code_challenge: await s256(pending.verifier), code_challenge_method: "S256",
        };
        Object.entries(query).forEach(([name, value]) => url.searchParams.set(name, value));
        store.setItem(PENDING, JSON.stringify(pending));
        location.assign(url.toString());
      },

      /**
       * Ends the session here, then at the provider: its end_session_endpoint, or Cognito's
       * logoutUrl. Resolves false when the provider cannot be told (signed out here only).
       */
      async signOut() {
        const session = read(SESSION);
        end(null);
        const doc = await discover().catch(() => null);
        let url;
        if (doc && doc.end_session_endpoint) {
          const state = randomString();
          url = new URL(doc.end_session_endpoint);
          url.searchParams.set("client_id", settings.clientId);
          url.searchParams.set("post_logout_redirect_uri", appUrl());
          if (session && session.idToken) url.searchParams.set("id_token_hint", session.idToken);
          url.searchParams.set("state", state);
          store.setItem(LOGOUT, state);
        } else if (settings && settings.logoutUrl) {
          url = new URL(settings.logoutUrl);
          url.searchParams.set("client_id", settings.clientId);
          url.searchParams.set("logout_uri", appUrl());
          store.setItem(LOGOUT, "");
        } else {
          return false;
        }
        location.assign(url.toString());
        return true;
      },

      /** The access token to send, refreshed first when it is about to expire; null when signed out. */
      async accessToken() {
        const session = read(SESSION);
        if (!session) return null;
        if (session.expiresAt - REFRESH_AHEAD_MS <= Date.now()) {
          await refresh().catch(() => {});
          const fresh = read(SESSION);
          return fresh ? fresh.accessToken : null;
        }
        return session.accessToken;
      },

      /** After the API refused {@code rejected} (401): one refresh, unless another call already got a newer token. */
      async renewAfterRejection(rejected) {
        const session = read(SESSION);
        if (!session) return false;
        if (session.accessToken !== rejected) return true;
        return refresh().catch(() => false);
      },
    };
  }

  window.ConcertSignIn = { create, SignInError };
})();
