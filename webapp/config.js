// Deployment settings of the web app. Locally the app and the API share an origin, so the base
// URL stays empty. When the app is hosted as static files (S3 + CloudFront), replace this file
// with the HTTP API's URL (the stack output ApiUrl), for example:
//   window.CONCERT_CONFIG = { apiBaseUrl: "https://abc123.execute-api.ap-northeast-2.amazonaws.com" };
window.CONCERT_CONFIG = { apiBaseUrl: "" };
