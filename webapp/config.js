// Deployment settings of the web app. The local runtime serves its own version of this file: an
// empty base URL (the app and the API share an origin) and its development issuer for signing in.
//
// When the app is hosted as static files (S3 + CloudFront), replace this file with:
//   apiBaseUrl  the HTTP API's URL (the stack output ApiUrl);
//   auth        the OpenID Connect provider the fan signs in with (authorization code + PKCE):
//     issuer     the Cognito user pool's issuer, https://cognito-idp.<region>.amazonaws.com/<poolId>
//                (its discovery document is <issuer>/.well-known/openid-configuration);
//     clientId   the pool's app client for the web app: no client secret, the authorization code
//                grant, scopes openid and profile, and the app's address (https://<distribution>/)
//                as both its callback URL and its sign-out URL;
//     scope      "openid profile";
//     logoutUrl  https://<domain>/logout of the pool's managed sign-in domain: Cognito's discovery
//                document names no end_session_endpoint, so the app signs out there.
//   venueTimeZone  (optional) the IANA zone the venues' times are shown in, such as "Asia/Seoul" (the
//                default) while the API's concerts carry no timeZone of their own.
// For example:
//   window.CONCERT_CONFIG = {
//     apiBaseUrl: "https://abc123.execute-api.ap-northeast-2.amazonaws.com",
//     auth: {
//       issuer: "https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_AbCdEf123",
//       clientId: "1example23456789",
//       scope: "openid profile",
//       logoutUrl: "https://concert-tickets.auth.ap-northeast-2.amazoncognito.com/logout",
//     },
//   };
// The API must accept the same pool's access tokens: the stack's JwtIssuer is the issuer above,
// and its JwtAudience this clientId.
window.CONCERT_CONFIG = { apiBaseUrl: "" };
