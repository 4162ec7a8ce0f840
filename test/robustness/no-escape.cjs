// Preloaded with `node --require` by test/robustness/no-escape.test.ts: every way out of the
// process (network, DNS, child processes, workers, code evaluation from strings) throws and is
// recorded on stderr as "BULKHEAD-BLOCKED <api>", so a run that tries any of them fails visibly.
'use strict';

function block(owner, name, label) {
  if (!owner || typeof owner[name] !== 'function') return;
  owner[name] = function blocked() {
    process.stderr.write(`BULKHEAD-BLOCKED ${label}\n`);
    throw new Error(`blocked by no-escape.cjs: ${label}`);
  };
}

const net = require('node:net');
for (const f of ['connect', 'createConnection', 'createServer']) block(net, f, `net.${f}`);
block(net.Socket.prototype, 'connect', 'net.Socket#connect');
for (const m of ['http', 'https']) {
  const mod = require(`node:${m}`);
  for (const f of ['request', 'get', 'createServer']) block(mod, f, `${m}.${f}`);
}
block(require('node:http2'), 'connect', 'http2.connect');
block(require('node:tls'), 'connect', 'tls.connect');
block(require('node:dgram'), 'createSocket', 'dgram.createSocket');
const dns = require('node:dns');
for (const f of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']) block(dns, f, `dns.${f}`);
for (const f of ['lookup', 'resolve']) block(dns.promises, f, `dns.promises.${f}`);
const cp = require('node:child_process');
for (const f of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) block(cp, f, `child_process.${f}`);
block(require('node:worker_threads'), 'Worker', 'worker_threads.Worker');
const vm = require('node:vm');
for (const f of ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']) block(vm, f, `vm.${f}`);
block(globalThis, 'fetch', 'fetch');
block(globalThis, 'WebSocket', 'WebSocket');
block(globalThis, 'eval', 'eval');
globalThis.Function = new Proxy(Function, {
  construct() {
    process.stderr.write('BULKHEAD-BLOCKED Function\n');
    throw new Error('blocked by no-escape.cjs: new Function');
  },
  apply() {
    process.stderr.write('BULKHEAD-BLOCKED Function\n');
    throw new Error('blocked by no-escape.cjs: Function');
  },
});
