// The only place that touches the wasm core. The page talks to it with
// messages (types.ts: WorkerRequest / WorkerReply); file bytes arrive as a
// transferred ArrayBuffer, reports leave as structured clones. Cancelling a
// long read is worker.terminate() on the page side, so nothing here needs to
// be interruptible.
import init, { Session, check_file_size, decode_share, demo_workbook, version, workspace_decode, workspace_encode } from 'thonso-wasm';
import { wasmInput } from './wasm-source';
import type { AppError, OpenOptions, Slot, WorkerReply, WorkerRequest } from './types';

interface WorkerScope {
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

// The served site compiles while downloading (instantiateStreaming on the
// hashed, same-origin asset); the single-file build inflates the wasm that
// the page carries inline (wasm-source-single.ts).
const ready: Promise<unknown> = init({ module_or_path: wasmInput() });

const sessions = new Map<Slot, Session>();

function toAppError(e: unknown): AppError {
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : null);
    const num = (k: string) => (typeof o[k] === 'number' ? (o[k] as number) : null);
    const code = str('code');
    // A wasm trap (RuntimeError) or anything without our error code means the
    // module's memory may be inconsistent: the page replaces this worker.
    const fatal = !code || e instanceof WebAssembly.RuntimeError;
    const raw = str('message') ?? String(e);
    if (!code) {
      return {
        message: `Đã xảy ra lỗi bên trong bộ xử lý (${raw}). Hãy tải lại trang; nếu lỗi lặp lại, xin báo cho nhóm phát triển.`,
        message_en: `An internal error occurred in the engine (${raw}). Please reload the page; if it happens again, please tell the developers.`,
        code: 'internal',
        fatal,
      };
    }
    return {
      message: raw,
      message_en: str('message_en'),
      code,
      file: str('file'),
      sheet: str('sheet'),
      row: num('row'),
      column: str('column') ?? (num('column') !== null ? String(num('column')) : null),
      fatal,
    };
  }
  return { message: String(e), fatal: true };
}

function session(slot: Slot): Session {
  const s = sessions.get(slot);
  if (!s) {
    throw Object.assign(new Error('Chưa mở tệp nào.'), {
      message_en: 'No file is open.',
      code: 'no_session',
    });
  }
  return s;
}

/**
 * The file's SHA-256 (its identity in provenance) by the browser's native
 * crypto: ~0.1 s for a 130 MB file where sha2 in wasm takes ~1.5 s. Without
 * crypto.subtle the core hashes the bytes itself.
 */
async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined;
  try {
    const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return undefined;
  }
}

function replace(slot: Slot, s: Session): void {
  sessions.get(slot)?.free();
  sessions.set(slot, s);
}

function open(id: number, slot: Slot, bytes: Uint8Array, name: string, options: OpenOptions = {}): unknown {
  let last = 0;
  const progress = (done: number, total: number, stage: string) => {
    // Throttle: a million-row read must not flood the page with messages.
    const now = performance.now();
    if (now - last < 50 && done < total) return;
    last = now;
    scope.postMessage({ type: 'progress', id, done, total, stage });
  };
  const s = Session.open(bytes, name, progress, options);
  replace(slot, s);
  return s.inspect();
}

async function handle(req: WorkerRequest): Promise<{ result: unknown; transfer?: Transferable[] }> {
  await ready;
  switch (req.type) {
    case 'version':
      return { result: version() };
    case 'demo':
      return { result: open(req.id, req.slot, demo_workbook(), 'thonso-demo.xlsx', req.options) };
    case 'open': {
      const bytes = new Uint8Array(req.bytes);
      const sha256 = await sha256Hex(bytes);
      return { result: open(req.id, req.slot, bytes, req.name, { ...req.options, sha256 }) };
    }
    case 'inspect':
      return { result: session(req.slot).inspect() };
    case 'framework':
      return { result: session(req.slot).framework() };
    case 'score':
      return { result: session(req.slot).score(req.options ?? {}) ?? null };
    case 'turnaround':
      return { result: session(req.slot).turnaround(req.options ?? {}) ?? null };
    case 'export_xlsx': {
      const bytes = session(req.slot).export_xlsx(req.options ?? {});
      // Copy into an ArrayBuffer we own so it can be transferred, not cloned.
      const buf = bytes.slice().buffer;
      return { result: buf, transfer: [buf] };
    }
    case 'close':
      sessions.get(req.slot)?.free();
      sessions.delete(req.slot);
      return { result: null };
    case 'demo_bytes': {
      const buf = demo_workbook().slice().buffer;
      return { result: buf, transfer: [buf] };
    }
    case 'share_link':
      return { result: session(req.slot).share_link(req.at, req.options ?? {}) };
    case 'share_decode':
      return { result: decode_share(req.text) };
    case 'ws_encode': {
      const buf = workspace_encode(req.manifest, req.files.map((f) => new Uint8Array(f))).slice().buffer;
      return { result: buf, transfer: [buf] };
    }
    case 'check_size':
      // The core's own limit and message, before the page reads the bytes.
      check_file_size(req.size, req.name);
      return { result: null };
    case 'ws_decode': {
      const out = workspace_decode(new Uint8Array(req.bytes)) as { manifest: unknown; files: Uint8Array[] };
      const files = out.files.map((f) => f.slice().buffer);
      return { result: { manifest: out.manifest, files }, transfer: files };
    }
  }
}

// Requests are handled strictly one after another, in arrival order.
let queue: Promise<void> = Promise.resolve();
scope.addEventListener('message', (event) => {
  const req = event.data;
  // Only numbered requests are ours to answer (the single-file build also
  // posts the inline wasm, which wasm-source-single.ts takes).
  if (!req || typeof req.id !== 'number') return;
  queue = queue.then(async () => {
    try {
      const { result, transfer } = await handle(req);
      scope.postMessage({ id: req.id, ok: true, result }, transfer ?? []);
    } catch (e) {
      scope.postMessage({ id: req.id, ok: false, error: toAppError(e) });
    }
  });
});

ready.then(
  () => scope.postMessage({ type: 'ready', version: version() }),
  () => {
    /* reported to each request through `await ready` */
  },
);
