import { readFileSync } from 'node:fs';
import { ConfigError, StartupError, type ConfigVariable, type TemporalConfig } from './qcycle-config';

/**
 * Connection options shared by the API's client and the worker: plain TCP to a dev server, TLS
 * (optionally mTLS) or an API key for a hosted Temporal. Same shape for Connection and NativeConnection.
 * A client certificate or key that cannot be read is a {@link ConfigError} naming its variable.
 */
export function temporalConnectionOptions(temporal: TemporalConfig) {
  const tls = temporal.tls
    ? {
        serverNameOverride: temporal.tls.serverNameOverride,
        clientCertPair:
          temporal.tls.clientCertPath && temporal.tls.clientKeyPath
            ? {
                crt: readSetting('TEMPORAL_TLS_CERT_PATH', temporal.tls.clientCertPath),
                key: readSetting('TEMPORAL_TLS_KEY_PATH', temporal.tls.clientKeyPath),
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

function readSetting(variable: ConfigVariable, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    // "ENOENT: no such file or directory", without the path repeated.
    const reason = String((error as Error).message ?? error).split(',')[0];
    throw new ConfigError([{ variable, reason: `cannot read the file "${path}" (${reason})` }]);
  }
}

/**
 * What went wrong when a process connected to Temporal or started polling, as one line naming the
 * setting to check: the SDK's own errors are Rust transport errors (a wrong namespace one has no
 * stack at all, and was logged as "undefined"). Anything else is returned as it is.
 */
export function explainTemporalError(error: unknown, temporal: TemporalConfig): unknown {
  if (error instanceof ConfigError || error instanceof StartupError) return error;
  const { name, message: text } = (error ?? {}) as Partial<Error>;
  if (typeof text !== 'string') return error;
  // The gRPC status or OS message, when there is one ("Connection refused", "failed to lookup …").
  const detail = /(?:message|error): "([^"]*)"/.exec(text)?.[1] ?? text.slice(0, 300);
  if (/namespace/i.test(text) && /not found|NotFound/.test(text)) {
    return new StartupError(
      'TEMPORAL_NAMESPACE',
      `namespace "${temporal.namespace}" does not exist on the Temporal server at ${temporal.address} (create it, or set TEMPORAL_NAMESPACE to one that exists)`,
    );
  }
  if (/Unauthenticated|PermissionDenied/.test(text)) {
    const credentials = temporal.apiKey ? 'TEMPORAL_API_KEY' : 'TEMPORAL_TLS_CERT_PATH';
    return new StartupError(
      credentials,
      `the Temporal server at ${temporal.address} refused this client's credentials for namespace "${temporal.namespace}" (${detail})`,
    );
  }
  if (name === 'TransportError') {
    return new StartupError(
      'TEMPORAL_ADDRESS',
      `cannot connect to Temporal at "${temporal.address}"${temporal.tls ? ' over TLS' : ''} (${detail}): is it running, is this its address${temporal.tls ? ', and does it speak TLS (TEMPORAL_TLS)' : ''}?`,
    );
  }
  return error;
}
