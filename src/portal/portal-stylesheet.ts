/** The portal pages' stylesheet, served as a file so that the CSP needs no inline styles. */
export const PORTAL_CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f6f8}
header{display:flex;flex-wrap:wrap;gap:1rem;justify-content:space-between;align-items:center;padding:.75rem 1.5rem;background:#0b3d5c;color:#fff}
header .site{font-weight:600}
header a{color:#fff}
nav ul{display:flex;flex-wrap:wrap;gap:1.25rem;list-style:none;margin:0;padding:0}
nav a[aria-current=page]{font-weight:600;text-decoration-thickness:3px}
main{max-width:60rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.75rem;margin-top:0}
h2{font-size:1.35rem;margin-top:2rem;border-bottom:1px solid #c6cdd4}
a{color:#0b5c8a}
a:focus{outline:3px solid #f2a900;outline-offset:2px}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef1f4;padding:.05em .25em;border-radius:.2rem;overflow-wrap:anywhere}
pre{background:#1b1f24;color:#e8ecef;padding:1rem;border-radius:.35rem;overflow-x:auto}
pre code{background:none;padding:0;color:inherit;overflow-wrap:normal}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #dde2e7}
dl.links dt{margin-top:.75rem;font-weight:600}
dl.links dd{margin-left:0;color:#4a545e}
.toc{background:#f4f6f8;padding:.75rem 1.5rem;border-radius:.35rem}
`;
