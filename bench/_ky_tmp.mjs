import ky from 'ky';
const N = 5000; const id='c1';
const body = JSON.stringify({ contact: { id, locationId: 'loc', firstName: 'Ada', email: 'ada@example.com', tags: [], customFields: [] } });
const stub = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
const headers = { authorization: 'Bearer pit-bench', version: '2021-07-28', accept: 'application/json' };
const conc = Number(process.argv[2] ?? 1);
const call = () => ky('http://127.0.0.1:9/contacts/' + id, { headers, fetch: stub }).json();
async function run(n) { if (conc === 1) { for (let i = 0; i < n; i++) await call(); } else { let i = 0; await Promise.all(Array.from({length: conc}, async () => { while (i++ < n) await call(); })); } }
await run(500);
const c0 = process.cpuUsage(); const t0 = performance.now();
await run(N);
const t = performance.now() - t0; const c = process.cpuUsage(c0);
console.log('ky conc', conc, 'wall µs/call', (t*1000/N).toFixed(0), 'cpu µs/call', ((c.user+c.system)/N).toFixed(0));
