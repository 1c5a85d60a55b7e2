import { readFileSync } from 'node:fs';
import type { TemporalConfig } from './qcycle-config';

/**
 * Connection options shared by the API's client and the worker: plain TCP to a dev server, TLS
 * (optionally mTLS) or an API key for a hosted Temporal. Same shape for Connection and NativeConnection.
 */
export function temporalConnectionOptions(temporal: TemporalConfig) {
  const tls = temporal.tls
    ? {
        serverNameOverride: temporal.tls.serverNameOverride,
        clientCertPair:
          temporal.tls.clientCertPath && temporal.tls.clientKeyPath
            ? {
                crt: readFileSync(temporal.tls.clientCertPath),
                key: readFileSync(temporal.tls.clientKeyPath),
              }
            : undefined,
      }
    : undefined;
  return {
    address: temporal.address,
    ...(tls ? { tls } : {}),
    ...(temporal.apiKey ? { apiKey: temporal.apiKey } : {}),
  };
}
