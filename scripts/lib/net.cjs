'use strict';
// Small network helpers shared by the start and test scripts (Node builtins only).
const net = require('node:net');

/** A TCP port that is free on loopback right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A free loopback port that the OS will not hand out again for about a minute, for a server that
 * picks free ports of its own beside it. The Temporal dev server does (its HTTP API, metrics and
 * internal services take "a random free port" each): a port from {@link freePort}, free again the
 * moment it is closed, can come back to it as one of those, and then the two collide ("address
 * already in use"). Here a connection to the port is closed from the listening side, which leaves
 * it in TIME_WAIT: bind(0) skips it, while a server binding it by number with SO_REUSEADDR (Go's
 * default, Node's too) still can. The Temporal CLI reserves its own ports the same way.
 */
function reservedFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => socket.destroy());
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      const client = net.connect({ port, host: '127.0.0.1' });
      client.on('error', () => undefined);
      client.once('close', () => server.close(() => resolve(port)));
    });
  });
}

/** Resolves once something accepts TCP connections on host:port, rejects after timeoutMs. */
async function waitForPort(port, { host = '127.0.0.1', timeoutMs = 60_000, what = `port ${port}` } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = net.connect({ port, host });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} did not open within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether nothing listens on `port` (of `host`; all interfaces when omitted) right now. */
function isPortFree(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

module.exports = { freePort, isPortFree, reservedFreePort, waitForPort };
