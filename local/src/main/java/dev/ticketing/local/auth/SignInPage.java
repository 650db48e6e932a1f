package dev.ticketing.local.auth;

import dev.ticketing.domain.UserIds;
import dev.ticketing.http.ApiGatewayResponse;
import java.util.List;
import java.util.Map;

/** The development issuer's pages: the sign-in form (a user name, nothing else) and its messages. */
final class SignInPage {
  /** The authorize request's parameters, carried through the form so its POST is the same request. */
  private static final List<String> CARRIED = List.of("response_type", "client_id", "redirect_uri", "scope", "state",
      "nonce", "code_challenge", "code_challenge_method");
  private static final Map<String, String> HEADERS = Map.of(
      "content-type", "text/html; charset=utf-8",
      "cache-control", "no-store",
      "x-content-type-options", "nosniff",
      // Nothing on the page runs or loads; the form posts back here, then the issuer redirects.
      "content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");

  private SignInPage() {}

  static ApiGatewayResponse render(Map<String, String> params, int status, String error) {
    StringBuilder hidden = new StringBuilder();
    for (String name : CARRIED) {
      String value = params.get(name);
      if (value != null) {
        hidden.append("    <input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(escape(value))
            .append("\">\n");
      }
    }
    String username = params.getOrDefault("username", "");
    String body = "<h1>Sign in (development issuer)</h1>\n"
        + "  <p>Anyone may sign in here under any name: this issuer exists only in the local runtime.</p>\n"
        + (error == null ? "" : "  <p role=\"alert\" class=\"error\">" + escape(error) + "</p>\n")
        + "  <form method=\"post\" action=\"" + DevIssuer.PREFIX + "/authorize\">\n"
        + hidden
        + "    <label for=\"dev-username\">User name</label>\n"
        + "    <input type=\"text\" id=\"dev-username\" name=\"username\" required maxlength=\"" + UserIds.MAX_LENGTH
        + "\" autocomplete=\"username\" autofocus value=\"" + escape(username) + "\">\n"
        + "    <button type=\"submit\" id=\"dev-sign-in\">Sign in</button>\n"
        + "  </form>\n";
    return page(status, "Sign in", body);
  }

  static ApiGatewayResponse message(int status, String title, String text) {
    return page(status, title, "<h1>" + escape(title) + "</h1>\n  <p>" + escape(text) + "</p>\n");
  }

  private static ApiGatewayResponse page(int status, String title, String body) {
    String html = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n"
        + "  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "  <title>" + escape(title) + "</title>\n"
        + "  <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}"
        + "label,input,button{display:block;margin:.5rem 0;font-size:1rem}input{width:100%;padding:.4rem}"
        + ".error{color:#a00}</style>\n</head>\n<body>\n  " + body + "</body>\n</html>\n";
    return new ApiGatewayResponse(status, HEADERS, html, false);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
