// Runs every ```graphql example of graphql-api/README.md through graphql-request, then a subscription through
// graphql-ws (an incident declared by a mutation while subscribed must arrive), against a running suite.
// Usage: LCPR_TOKEN=<bearer token> node clients.mjs <http endpoint> <README path>. Prints one JSON object; exits 1 on
// any error. The token goes in the Authorization header over HTTP and in connection_init over WebSocket.
import { readFileSync } from 'node:fs';
import { GraphQLClient } from 'graphql-request';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [endpoint, readme] = process.argv.slice(2);
if (!endpoint || !readme) {
  console.error('usage: node clients.mjs <http endpoint> <graphql-api README>');
  process.exit(2);
}
const examples = [...readFileSync(readme, 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map(m => m[1]);
if (examples.length === 0) {
  console.error(`no graphql examples in ${readme}`);
  process.exit(1);
}
const token = process.env.LCPR_TOKEN;
if (!token) {
  console.error('LCPR_TOKEN is not set: the API answers 401 without a bearer token');
  process.exit(2);
}
const http = new GraphQLClient(endpoint, { headers: { Authorization: `Bearer ${token}` } });
const out = { examples: [], subscription: null };
for (const query of examples) {
  const data = await http.request(query); // throws on any GraphQL error
  out.examples.push({ query: query.trim().split('\n')[0], data });
}

const ws = createClient({ url: endpoint.replace(/^http/, 'ws'), webSocketImpl: WebSocket, lazy: false,
  connectionParams: { Authorization: `Bearer ${token}` } });
const name = `node client incident ${Date.now()}`;
const received = new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('no incidentDeclared within 30 s')), 30_000);
  const unsubscribe = ws.subscribe({ query: 'subscription { incidentDeclared { name category totalCost } }' }, {
    next: ({ data, errors }) => {
      if (errors) { reject(new Error(JSON.stringify(errors))); return; }
      if (data.incidentDeclared.name === name) { clearTimeout(timer); unsubscribe(); resolve(data.incidentDeclared); }
    },
    error: reject,
    complete: () => {},
  });
});
await new Promise(r => setTimeout(r, 1000)); // the subscription is registered before the incident is declared
await http.request(`mutation { declareIncident(incident: { name: "${name}", category: "capacity",
  workloads: ["support-chat"], startedAt: "2026-04-20T10:00:00Z", mitigatedAt: "2026-04-20T11:00:00Z" }) { id } }`);
try {
  out.subscription = await received;
} finally {
  await ws.dispose();
}
console.log(JSON.stringify(out));
