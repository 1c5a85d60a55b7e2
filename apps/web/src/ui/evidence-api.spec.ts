/**
 * The evidence helpers speak the API's upload protocol (docs/evidence.md): multipart with
 * `recordType` and `recordKey` before `file`, the session's bearer token, the refusal as ApiProblem.
 */
interface Sent {
  url: string;
  method: string;
  authorization: string | null;
  contentType: string | null;
  fields: [string, FormDataEntryValue][];
}

const sent: Sent[] = [];
let answer: () => Response = () => new Response('{}', { status: 201 });

/** What the upload told of its progress: [sent, total] as the browser reported it. */
const progress: [number, number][] = [];

/**
 * The browser's XMLHttpRequest as the upload uses it, over the recorder below: it reports the body
 * gone out in two halves, then hands the request to `fetch` and gives back its answer, or fails as
 * the browser does when the connection is lost (`onerror`).
 */
class RecordingXhr {
  upload: {
    onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null;
  } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  responseType = '';
  status = 0;
  statusText = '';
  response: Blob | undefined;
  private method = 'GET';
  private url = '';
  private readonly headers = new Headers();
  private responseHeaders = '';
  private stopped = false;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers.set(name, value);
  }
  getAllResponseHeaders() {
    return this.responseHeaders;
  }
  abort() {
    this.stopped = true;
    this.onabort?.();
  }
  send(body: Blob) {
    void (async () => {
      for (const part of [0.5, 1])
        this.upload.onprogress?.({
          lengthComputable: true,
          loaded: Math.round(body.size * part),
          total: body.size,
        });
      if (this.stopped) return;
      let response: Response;
      try {
        response = await globalThis.fetch(
          new Request(this.url, { method: this.method, headers: this.headers, body }),
        );
      } catch {
        this.onerror?.();
        return;
      }
      this.status = response.status;
      this.statusText = response.statusText;
      this.responseHeaders = [...response.headers].map(([name, value]) => `${name}: ${value}\r\n`).join('');
      this.response = await response.blob();
      this.onload?.();
    })();
  }
}

beforeAll(() => {
  (globalThis as { localStorage?: unknown }).localStorage ??= {
    getItem: () => null,
    setItem: () => undefined,
    removeItem: () => undefined,
  };
  // The app's client calls the same origin ('' base URL); Node has no page to resolve it against.
  const NodeRequest = globalThis.Request;
  globalThis.Request = class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' ? new URL(input, 'http://app.test') : input, init);
    }
  } as typeof Request;
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = RecordingXhr;
  globalThis.fetch = (async (input: Request) => {
    const request = input instanceof Request ? input : new Request(input);
    const isForm = request.headers.get('content-type')?.startsWith('multipart/form-data');
    sent.push({
      url: new URL(request.url).pathname + new URL(request.url).search,
      method: request.method,
      authorization: request.headers.get('authorization'),
      contentType: request.headers.get('content-type'),
      fields: isForm ? [...(await request.formData()).entries()] : [],
    });
    return answer();
  }) as typeof fetch;
});

const load = async () => {
  const client = await import('../api/client');
  client.useBearerToken(() => 'session-token');
  return { client, evidence: await import('./evidence-api') };
};

describe('evidence files over HTTP', () => {
  beforeEach(() => {
    sent.length = 0;
  });

  it('uploads as multipart, recordType and recordKey before the file, with the bearer token', async () => {
    const { evidence } = await load();
    const stored = {
      id: '0b6a',
      reference: 'evidence:0b6a',
      fileName: 'Sổ theo dõi tháng 3.pdf',
      size: 8,
    };
    answer = () =>
      new Response(JSON.stringify(stored), { status: 201, headers: { 'content-type': 'application/json' } });
    const file = new File(['%PDF-1.4'], 'Sổ theo dõi tháng 3.pdf', { type: 'application/pdf' });
    progress.length = 0;
    const result = await evidence.uploadEvidence(
      'kontum-2024',
      'measurement',
      'q/kontum/2024/obj-4/2024-03',
      file,
      (bytes, total) => progress.push([bytes, total]),
    );
    expect(result).toMatchObject(stored);
    // How far the body had gone, as the browser said it, up to all of it.
    const total = progress[0][1];
    expect(total).toBeGreaterThan(file.size);
    expect(progress).toEqual([
      [Math.round(total / 2), total],
      [total, total],
    ]);
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/v1/cycles/kontum-2024/evidence');
    expect(request.authorization).toBe('Bearer session-token');
    expect(request.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(request.fields.map(([name]) => name)).toEqual(['recordType', 'recordKey', 'file']);
    expect(request.fields[0][1]).toBe('measurement');
    expect(request.fields[1][1]).toBe('q/kontum/2024/obj-4/2024-03');
    expect((request.fields[2][1] as File).name).toBe('Sổ theo dõi tháng 3.pdf');
  });

  it('gives a refusal (413, 415, 422) as an ApiProblem with its status and code', async () => {
    const { client, evidence } = await load();
    for (const [status, code] of [
      [413, 'EVIDENCE_TOO_LARGE'],
      [415, 'EVIDENCE_TYPE_REFUSED'],
      [422, 'EVIDENCE_RECORD_UNKNOWN'],
    ] as const) {
      answer = () =>
        new Response(JSON.stringify({ statusCode: status, code, message: 'refused' }), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      const refused = await evidence
        .uploadEvidence('kontum-2024', 'audit-step', 'step', new File(['x'], 'x.exe'), () => undefined)
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(refused).toBeInstanceOf(client.ApiProblem);
      expect(refused).toMatchObject({ status, code });
    }
  });

  it('gives a lost connection as no answer (not an ApiProblem), as fetch would', async () => {
    const { client, evidence } = await load();
    answer = () => {
      throw new TypeError('socket hang up');
    };
    const lost = await evidence
      .uploadEvidence('kontum-2024', 'audit-step', 'step', new File(['%PDF'], 'a.pdf'), () => undefined)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(lost).toBeInstanceOf(TypeError);
    expect(lost).not.toBeInstanceOf(client.ApiProblem);
  });

  it('stops an upload when its signal is aborted: an AbortError, and the rest of the file never sent', async () => {
    const { evidence } = await load();
    const controller = new AbortController();
    const stopped = await evidence
      .uploadEvidence(
        'kontum-2024',
        'audit-step',
        'step',
        new File(['%PDF-1.7 a long scan'], 'scan.pdf'),
        () => controller.abort(),
        controller.signal,
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(stopped).toMatchObject({ name: 'AbortError' });
    expect(sent).toHaveLength(0);
  });

  it("lists a record's files by recordType and recordKey", async () => {
    const { evidence } = await load();
    answer = () => new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } });
    await evidence.listEvidence('kontum-2024', 'review', 'quality-cycle/kontum/2024/review');
    expect(sent[0].method).toBe('GET');
    expect(sent[0].url).toBe(
      '/api/v1/cycles/kontum-2024/evidence?recordType=review&recordKey=quality-cycle%2Fkontum%2F2024%2Freview',
    );
    expect(sent[0].authorization).toBe('Bearer session-token');
  });

  it('reads what the server accepts once for the page, and again after a read that failed', async () => {
    const { client, evidence } = await load();
    const rules = {
      maxBytes: 1_048_576,
      types: [
        { kind: 'pdf', contentType: 'application/pdf', extensions: ['pdf'], startsWith: '255044462d' },
        { kind: 'jpeg', contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], startsWith: 'ffd8ff' },
      ],
    };
    answer = () =>
      new Response(JSON.stringify({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: 'down' }), {
        status: 503,
        headers: { 'content-type': 'application/json' },
      });
    await expect(evidence.readAcceptedFiles()).rejects.toBeInstanceOf(client.ApiProblem);
    answer = () =>
      new Response(JSON.stringify(rules), { status: 200, headers: { 'content-type': 'application/json' } });
    await expect(evidence.readAcceptedFiles()).resolves.toEqual(rules);
    await expect(evidence.readAcceptedFiles()).resolves.toEqual(rules);
    expect(sent.map((r) => `${r.method} ${r.url} ${r.authorization}`)).toEqual([
      'GET /api/v1/evidence/accepted-files Bearer session-token',
      'GET /api/v1/evidence/accepted-files Bearer session-token',
    ]);

    expect(evidence.acceptAttribute(rules)).toBe('.pdf,application/pdf,.jpg,.jpeg,image/jpeg');
    // Refused before sending, as the server would: by the name first, then by the first bytes, then
    // by the size.
    const file = (name: string, start: string | number[], size: number) => {
      const head = typeof start === 'string' ? new TextEncoder().encode(start) : Uint8Array.from(start);
      return Object.assign(new Blob([head, new Uint8Array(Math.max(0, size - head.length))]), { name });
    };
    const pdf = '%PDF-1.7\n';
    await expect(evidence.refusalBeforeSending(file('Ghi chú.txt', 'Ghi chú', 10), rules)).resolves.toBe(
      'type',
    );
    await expect(evidence.refusalBeforeSending(file('ban-quet', pdf, 10), rules)).resolves.toBe('type');
    await expect(evidence.refusalBeforeSending(file('Phim.mp4', 'mp4', 5_000_000), rules)).resolves.toBe(
      'type',
    );
    await expect(evidence.refusalBeforeSending(file('Bản quét.PDF', pdf, 1_048_577), rules)).resolves.toBe(
      'too-large',
    );
    await expect(
      evidence.refusalBeforeSending(file('Bản quét.PDF', pdf, 1_048_576), rules),
    ).resolves.toBeUndefined();
    await expect(
      evidence.refusalBeforeSending(file('ảnh.JPEG', [0xff, 0xd8, 0xff, 0xe0], 4), rules),
    ).resolves.toBeUndefined();
    // A web page saved as .pdf, a photo named .pdf: its first bytes say so, whatever its size.
    await expect(
      evidence.refusalBeforeSending(file('Sổ theo dõi.pdf', '<html><body><table>', 2_000_000), rules),
    ).resolves.toBe('content');
    await expect(
      evidence.refusalBeforeSending(file('Bản quét.pdf', [0xff, 0xd8, 0xff], 500), rules),
    ).resolves.toBe('content');
    // Too short to hold its kind's start (an empty file) is not what its name says either.
    await expect(evidence.refusalBeforeSending(file('Trống.pdf', '', 0), rules)).resolves.toBe('content');
  });

  it('reads an evidence reference, and nothing else, as a file id', async () => {
    const { evidence } = await load();
    expect(evidence.evidenceIdOf('evidence:0b6a')).toBe('0b6a');
    expect(evidence.evidenceIdOf('Sổ theo dõi tháng 3')).toBeUndefined();
    expect(evidence.evidenceIdOf('evidence:')).toBeUndefined();
    expect(evidence.evidenceIdOf(42)).toBeUndefined();
  });
});
