// Preloaded into every Node.js process the tests start (node --require node-guard.cjs, see Harness/Node.cs):
// nothing a test starts may send a packet off this machine. TCP connects, UDP sends and DNS queries to anything but
// loopback (127.0.0.0/8, ::1, localhost) or a local socket path are refused before any packet leaves, and each refusal
// is appended as one JSON line to the file named by NODE_GUARD_LOG, which the test reads and reports.
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const dgram = require('node:dgram');

const logPath = process.env.NODE_GUARD_LOG;

function isLoopbackName(host) {
  if (host === undefined || host === null || host === '') {
    return true; // Node's default host for connect() is localhost.
  }
  const h = String(host).toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) {
    return true;
  }
  if (net.isIPv4(h)) {
    return h.startsWith('127.');
  }
  if (net.isIPv6(h)) {
    return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  }
  return false;
}

function record(kind, host, port) {
  const entry = { kind, host: String(host), port: port === undefined ? null : Number(port), pid: process.pid };
  if (logPath) {
    try {
      fs.appendFileSync(logPath, JSON.stringify(entry) + '\n');
    } catch {
      // The refusal itself still happens; only the record is lost.
    }
  }
  const error = new Error(`node-guard: refused ${kind} to ${host}${port === undefined ? '' : ':' + port} (tests never leave this machine)`);
  error.code = 'ECONNREFUSED';
  error.syscall = kind;
  return error;
}

// net.Socket.prototype.connect is what net.connect, tls.connect, http(s).request and fetch (undici) end up calling.
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  let options = args[0];
  if (Array.isArray(options)) {
    options = options[0]; // Node's internal normalized form.
  }
  let host;
  let port;
  let path;
  if (options !== null && typeof options === 'object') {
    ({ host, port, path } = options);
  } else if (typeof options === 'string' && Number.isNaN(Number(options))) {
    path = options;
  } else {
    port = options;
    host = typeof args[1] === 'string' ? args[1] : undefined;
  }
  if (path === undefined && !isLoopbackName(host)) {
    const error = record('connect', host, port);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return originalConnect.apply(this, args);
};

function guardLookup(original) {
  return function guardedLookup(hostname, options, callback) {
    if (isLoopbackName(hostname)) {
      return original.call(this, hostname, options, callback);
    }
    const done = typeof options === 'function' ? options : callback;
    const error = record('dns', hostname);
    error.code = 'ENOTFOUND';
    process.nextTick(() => done(error));
    return undefined;
  };
}

function guardPromise(original) {
  return function guardedQuery(hostname, ...rest) {
    if (isLoopbackName(hostname)) {
      return original.call(this, hostname, ...rest);
    }
    const error = record('dns', hostname);
    error.code = 'ENOTFOUND';
    return Promise.reject(error);
  };
}

const queries = ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'resolvePtr', 'resolveNaptr', 'resolveSoa', 'resolveCaa', 'reverse'];
dns.lookup = guardLookup(dns.lookup);
for (const name of queries) {
  if (typeof dns[name] === 'function') {
    dns[name] = guardLookup(dns[name]);
  }
  if (typeof dns.Resolver.prototype[name] === 'function') {
    dns.Resolver.prototype[name] = guardLookup(dns.Resolver.prototype[name]);
  }
}
if (dns.promises) {
  dns.promises.lookup = guardPromise(dns.promises.lookup);
  for (const name of queries) {
    if (typeof dns.promises[name] === 'function') {
      dns.promises[name] = guardPromise(dns.promises[name]);
    }
    if (dns.promises.Resolver && typeof dns.promises.Resolver.prototype[name] === 'function') {
      dns.promises.Resolver.prototype[name] = guardPromise(dns.promises.Resolver.prototype[name]);
    }
  }
}

// UDP: a send or connect to anything but loopback is refused the same way.
const originalSend = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function guardedSend(...args) {
  const callback = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
  const address = args.find((a, i) => i > 0 && typeof a === 'string');
  if (address !== undefined && !isLoopbackName(address)) {
    const port = args.find((a, i) => i > 0 && typeof a === 'number' && i === args.indexOf(address) - 1);
    const error = record('udp', address, port);
    if (callback) {
      process.nextTick(() => callback(error));
    }
    return undefined;
  }
  return originalSend.apply(this, args);
};
const originalUdpConnect = dgram.Socket.prototype.connect;
dgram.Socket.prototype.connect = function guardedUdpConnect(port, address, callback) {
  if (typeof address === 'string' && !isLoopbackName(address)) {
    const error = record('udp', address, port);
    process.nextTick(() => this.emit('error', error));
    return undefined;
  }
  return originalUdpConnect.apply(this, [port, address, callback].filter((a) => a !== undefined));
};
