import { loadConfig, StartupError } from './qcycle-config';
import { explainTemporalError, temporalConnectionOptions } from './temporal-connection';

describe('the Temporal connection settings', () => {
  it('names TEMPORAL_TLS_CERT_PATH when the client certificate cannot be read', () => {
    const { temporal } = loadConfig({
      TEMPORAL_TLS_CERT_PATH: '/nonexistent/client.pem',
      TEMPORAL_TLS_KEY_PATH: '/nonexistent/client.key',
    });
    expect(() => temporalConnectionOptions(temporal)).toThrow(
      'TEMPORAL_TLS_CERT_PATH: cannot read the file "/nonexistent/client.pem" (ENOENT: no such file or directory)',
    );
  });

  it("turns the SDK's transport errors into one line naming the setting and its value", () => {
    const { temporal } = loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_NAMESPACE: 'qlcl' });
    const transport = (message: string) => Object.assign(new Error(message), { name: 'TransportError' });
    // As the SDK throws it from Worker.create: no stack at all (the worker logged "undefined").
    const namespace = transport(
      'Namespace qlcl was not found or otherwise could not be described: Status { code: NotFound, message: "Namespace qlcl is not found.", details: b"…" }',
    );
    namespace.stack = undefined;
    const explained = explainTemporalError(namespace, temporal);
    expect(explained).toBeInstanceOf(StartupError);
    expect((explained as Error).message).toBe(
      'TEMPORAL_NAMESPACE: namespace "qlcl" does not exist on the Temporal server at temporal:7233 (create it, or set TEMPORAL_NAMESPACE to one that exists)',
    );
    const refused = transport(
      'tonic::transport::Error(Transport, ConnectError(ConnectError("tcp connect error", 10.0.0.9:7233, Os { code: 111, kind: ConnectionRefused, message: "Connection refused" })))',
    );
    expect((explainTemporalError(refused, temporal) as Error).message).toBe(
      'TEMPORAL_ADDRESS: cannot connect to Temporal at "temporal:7233" (Connection refused): is it running, is this its address?',
    );
    const other = new Error('something else');
    expect(explainTemporalError(other, temporal)).toBe(other);
  });
});
