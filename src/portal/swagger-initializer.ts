/**
 * The script that starts Swagger UI on the API reference page, served as a file (CSP `script-src 'self'`, no inline
 * script). It reads the document's URL from the container's `data-url`, renders for reading only (no "Try it out":
 * the mTLS listener needs a client certificate a browser page cannot present) and asks no outside validator.
 */
export const SWAGGER_INITIALIZER = `'use strict';
window.addEventListener('DOMContentLoaded', function () {
  var container = document.getElementById('swagger-ui');
  if (container === null || typeof window.SwaggerUIBundle !== 'function') return;
  window.ui = window.SwaggerUIBundle({
    url: container.getAttribute('data-url'),
    domNode: container,
    deepLinking: true,
    supportedSubmitMethods: [],
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
  });
});
`;
