import type { Endpoint } from '../protocol/endpoint.types.js';

const CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f6f8}
header{display:flex;justify-content:space-between;align-items:center;padding:.75rem 1.5rem;background:#0b3d5c;color:#fff}
header .bank{font-weight:600}
header a{color:#fff}
main{max-width:32rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.5rem;margin-top:0}
label{display:block;font-weight:600;margin-top:1rem}
input[type=text],input[type=password]{width:100%;padding:.5rem;margin-top:.25rem;font-size:1rem;border:1px solid #8a949e;border-radius:.25rem}
input:focus,button:focus,a:focus{outline:3px solid #f2a900;outline-offset:2px}
fieldset{border:1px solid #c6cdd4;border-radius:.25rem;margin-top:1rem}
fieldset label{font-weight:400;margin-top:.5rem}
legend{font-weight:600}
.actions{display:flex;gap:1rem;margin-top:1.5rem}
button{padding:.6rem 1.5rem;font-size:1rem;border-radius:.25rem;border:1px solid #0b3d5c;cursor:pointer}
button.primary{background:#0b3d5c;color:#fff}
button.secondary{background:#fff;color:#0b3d5c}
.notice{padding:.75rem;background:#fff7e0;border-left:4px solid #f2a900}
.problem{padding:.75rem;background:#fdecea;border-left:4px solid #b3261e}
.detail{font-size:.875rem;color:#4a545e;overflow-wrap:anywhere}
footer{text-align:center;font-size:.875rem;color:#4a545e}
`;

/** Serves the PSU pages' stylesheet (a file of its own so that the CSP needs no `'unsafe-inline'`). */
export const stylesheetEndpoint: Endpoint = async () => ({
  status: 200,
  headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' },
  body: CSS,
});
