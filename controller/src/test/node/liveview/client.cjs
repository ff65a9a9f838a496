// The live view's test client: a real WebSocket client (npm's ws) speaking foxglove.websocket.v1.
// node client.cjs MODULES_DIR URL collect SECONDS: subscribes to every advertised channel, collects
//   serverInfo, advertise and the binary MessageData frames (decoded), prints one JSON summary, exits.
// node client.cjs MODULES_DIR URL slow SECONDS: subscribes to everything, then never reads again;
//   exits by itself after SECONDS.
'use strict';
const path = require('path');
const [modules, url, mode, seconds] = process.argv.slice(2);
const WebSocket = require(path.join(modules, 'node_modules', 'ws'));
const ws = new WebSocket(url, ['foxglove.websocket.v1']);
ws.binaryType = 'nodebuffer';
const out = {protocol: null, serverInfo: null, advertise: null, messages: {}, badFrames: 0, statuses: []};
const subs = {};
let done = false;

function finish() {
  if (done) return;
  done = true;
  process.stdout.write(JSON.stringify(out) + '\n');
  try { ws.terminate(); } catch (e) { /* closing anyway */ }
  process.exit(0);
}

ws.on('open', () => { out.protocol = ws.protocol; });
ws.on('message', (data, isBinary) => {
  if (!isBinary) {
    const m = JSON.parse(data.toString('utf8'));
    if (m.op === 'serverInfo') out.serverInfo = m;
    else if (m.op === 'advertise') {
      out.advertise = m;
      const subscriptions = m.channels.map((c, i) => { subs[100 + i] = c; return {id: 100 + i, channelId: c.id}; });
      ws.send(JSON.stringify({op: 'subscribe', subscriptions}));
      if (mode === 'slow') {
        ws._socket.pause(); // never read again: the server must drop us, not buffer for us
      }
    } else if (m.op === 'status') out.statuses.push(m);
    return;
  }
  const op = data.readUInt8(0);
  if (op !== 1 || data.length < 13) { out.badFrames++; return; }
  const subId = data.readUInt32LE(1);
  const ts = data.readBigUInt64LE(5);
  const c = subs[subId];
  if (!c) { out.badFrames++; return; }
  const payload = JSON.parse(data.subarray(13).toString('utf8'));
  const m = out.messages[c.topic] || (out.messages[c.topic] = {count: 0, subscriptionId: subId, first: null,
    last: null, firstTimestamp: null, monotonic: true, lastTs: null});
  m.count++;
  if (m.first === null) { m.first = payload; m.firstTimestamp = ts.toString(); }
  m.last = payload;
  if (m.lastTs !== null && ts < BigInt(m.lastTs)) m.monotonic = false;
  m.lastTs = ts.toString();
  // every advertised step channel 5 times, and an event
  const stepTopics = out.advertise.channels.map(ch => ch.topic).filter(t => t !== '/events');
  if (mode === 'collect' && stepTopics.every(t => out.messages[t] && out.messages[t].count >= 5)
      && out.messages['/events']) finish();
});
ws.on('error', e => { out.error = String(e && e.message || e); finish(); });
ws.on('close', () => { if (mode === 'collect') finish(); });
setTimeout(() => (mode === 'slow' ? process.exit(0) : finish()), Number(seconds) * 1000);
