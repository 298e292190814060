import { readFileSync } from 'node:fs';

/**
 * Where a server's allocations come from, per request: reads a `<pid>.heapprofile` and its `<pid>.json` written by
 * `heap-sample-preload.mjs` (with `BENCH_HEAP_SAMPLE_PROFILE=1`) and prints the allocating functions with the most bytes
 * per request (self, i.e. allocated in that function's own frame), the file they are in made short.
 *
 *   node bench/lib/heap-sample-sites.mjs /tmp/alloc/<pid>.heapprofile [how many, default 40]
 */
const [profileFile, shown = '40'] = process.argv.slice(2);
if (profileFile === undefined) {
  process.stderr.write('usage: node bench/lib/heap-sample-sites.mjs <dir>/<pid>.heapprofile [how many]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
const { requests } = JSON.parse(readFileSync(profileFile.replace(/\.heapprofile$/, '.json'), 'utf8'));

const shortUrl = (url) =>
  url
    .replace(/^.*\/node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, '$1')
    .replace(/^.*\/dist\/src\//, 'obas/')
    .replace(/^file:\/\//, '');
const bytesBySite = new Map();
const visit = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const site = `${functionName || '(anonymous)'} ${shortUrl(url)}${url === '' ? '' : `:${lineNumber + 1}`}`;
  bytesBySite.set(site, (bytesBySite.get(site) ?? 0) + node.selfSize);
  for (const child of node.children) visit(child);
};
visit(profile.head);
const total = [...bytesBySite.values()].reduce((sum, bytes) => sum + bytes, 0);
process.stdout.write(`${requests} requests, ${(total / requests).toFixed(0)} bytes per request\n`);
for (const [site, bytes] of [...bytesBySite].sort((a, b) => b[1] - a[1]).slice(0, Number(shown))) {
  process.stdout.write(`${(bytes / requests).toFixed(0).padStart(7)}  ${site}\n`);
}
