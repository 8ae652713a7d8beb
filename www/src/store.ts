// The browser's workspace store: IndexedDB, on the page side. Each workspace
// is one record holding the encoded `.thonso` bytes (the core's format, with
// its SHA-256), plus a small index entry {id, name, updated, size} for the
// list. A save is ONE put of both in ONE readwrite transaction: it commits
// whole or not at all, so a failed save (a full quota, a crash) leaves the
// previous version intact. The bytes are checked by the core
// (`workspace_decode`) when a workspace is opened, never trusted blindly.

const DB_NAME = 'thonso';
const DB_VERSION = 1;
const BYTES = 'workspaces';
const INDEX = 'index';
const META = 'meta';
const LAST = 'last';
/**
 * Workspaces larger than this are stored as a Blob. Chromium refuses a
 * serialized value over about 127 MiB in a private window ("The serialized
 * keys and/or value are too large"), which a million-row file exceeds; it
 * keeps a Blob of any size, inside the same transaction. Reads take either.
 */
const BLOB_OVER = 16 << 20;

export interface IndexEntry {
  id: string;
  name: string;
  /** ISO date-time of the last save. */
  updated: string;
  /** Size of the encoded .thonso bytes. */
  size: number;
  /** 'data': a workbook and its settings; 'share': a report received by link (no source file). */
  kind: 'data' | 'share';
  /** SHA-256 of the workspace's current data file: reopening the same file reuses this workspace. */
  sha256?: string;
}

/** A store failure as the page shows it (bilingual, with a code). */
export interface StoreError {
  message: string;
  message_en: string;
  code: 'quota_exceeded' | 'store_unavailable' | 'store_failed';
}

function storeError(e: unknown): StoreError {
  const name = e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : '';
  const detail = e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : String(e);
  if (name === 'QuotaExceededError' || /quota/i.test(detail)) {
    return {
      code: 'quota_exceeded',
      message:
        'Bộ nhớ của trình duyệt đã đầy nên chưa lưu được thay đổi mới nhất. Bản đã lưu trước đó vẫn còn nguyên. Hãy xóa bớt không gian làm việc cũ hoặc tải tệp .thonso về máy.',
      message_en:
        'The browser storage is full, so the latest change was not saved. The previously saved version is intact. Delete old workspaces or download the .thonso file.',
    };
  }
  return {
    code: 'store_failed',
    message: `Không lưu được vào bộ nhớ của trình duyệt (${detail}). Bản đã lưu trước đó vẫn còn nguyên.`,
    message_en: `Could not write to the browser storage (${detail}). The previously saved version is intact.`,
  };
}

const UNAVAILABLE: StoreError = {
  code: 'store_unavailable',
  message: 'Trình duyệt này không cho phép lưu dữ liệu (IndexedDB bị tắt, ví dụ trong chế độ ẩn danh). Bạn vẫn dùng được Thôn Số và tải tệp .thonso về máy.',
  message_en: 'This browser does not allow saving data (IndexedDB is disabled, e.g. in a private window). You can still use Thôn Số and download the .thonso file.',
};

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // An abort (quota, constraint) reports the cause on the transaction.
    tx.onabort = () => reject(tx.error ?? new DOMException('aborted', 'AbortError'));
    tx.onerror = () => {
      /* reported by onabort */
    };
  });
}

let dbPromise: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
  if (!dbPromise) {
    dbPromise = new Promise<IDBDatabase>((resolve, reject) => {
      let open: IDBOpenDBRequest;
      try {
        open = indexedDB.open(DB_NAME, DB_VERSION);
      } catch (e) {
        reject(e);
        return;
      }
      open.onupgradeneeded = () => {
        const d = open.result;
        if (!d.objectStoreNames.contains(BYTES)) d.createObjectStore(BYTES);
        if (!d.objectStoreNames.contains(INDEX)) d.createObjectStore(INDEX, { keyPath: 'id' });
        if (!d.objectStoreNames.contains(META)) d.createObjectStore(META);
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
      open.onblocked = () => reject(new DOMException('blocked', 'InvalidStateError'));
    }).catch((e) => {
      dbPromise = null;
      throw e;
    });
  }
  return dbPromise;
}

async function withDb<T>(fn: (d: IDBDatabase) => Promise<T>): Promise<T> {
  let d: IDBDatabase;
  try {
    d = await db();
  } catch {
    throw UNAVAILABLE;
  }
  try {
    return await fn(d);
  } catch (e) {
    throw storeError(e);
  }
}

export function newId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Every workspace, the most recently saved first. */
export function list(): Promise<IndexEntry[]> {
  return withDb(async (d) => {
    const all = await req(d.transaction(INDEX).objectStore(INDEX).getAll() as IDBRequest<IndexEntry[]>);
    return all.sort((a, b) => b.updated.localeCompare(a.updated));
  });
}

/** The data workspaces whose current file has this SHA-256, the most recently saved first. */
export async function findBySha(sha256: string): Promise<IndexEntry[]> {
  if (!sha256) return [];
  return (await list()).filter((e) => e.kind === 'data' && e.sha256 === sha256);
}

/** The stored bytes of a workspace, or null if there is none. */
export function getBytes(id: string): Promise<Uint8Array | null> {
  return withDb(async (d) => {
    const v = await req(d.transaction(BYTES).objectStore(BYTES).get(id));
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    if (v instanceof Blob) return new Uint8Array(await v.arrayBuffer());
    return null;
  });
}

/**
 * Saves a workspace atomically: the bytes, the index entry and (optionally)
 * "last opened" commit together or not at all.
 */
export function put(entry: IndexEntry, bytes: Uint8Array, makeLast = true): Promise<void> {
  return withDb(async (d) => {
    // 'strict': the transaction completes only once the data is flushed to
    // disk, so a save reported done survives a power cut, not just a crash.
    const tx = d.transaction([BYTES, INDEX, META], 'readwrite', { durability: 'strict' });
    const finished = done(tx);
    try {
      let value: ArrayBuffer | Blob;
      if (bytes.byteLength > BLOB_OVER) value = new Blob([bytes as Uint8Array<ArrayBuffer>]);
      // A copy that owns exactly these bytes (a view may sit in a larger buffer).
      else value = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
      tx.objectStore(BYTES).put(value, entry.id);
      tx.objectStore(INDEX).put(entry);
      if (makeLast) tx.objectStore(META).put(entry.id, LAST);
    } catch (e) {
      // Nothing of this save may land: abort the whole transaction.
      finished.catch(() => undefined);
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
      // A put the browser refused aborts the transaction at once; its error
      // says why (the next call only says "the transaction has finished").
      throw tx.error ?? e;
    }
    await finished;
  });
}

/** Renames only the index entry (used for records that cannot be decoded). */
export function renameEntry(id: string, name: string): Promise<void> {
  return withDb(async (d) => {
    const tx = d.transaction(INDEX, 'readwrite');
    const finished = done(tx);
    const s = tx.objectStore(INDEX);
    const e = (await req(s.get(id))) as IndexEntry | undefined;
    if (e) s.put({ ...e, name });
    await finished;
  });
}

export function remove(id: string): Promise<void> {
  return withDb(async (d) => {
    const tx = d.transaction([BYTES, INDEX, META], 'readwrite');
    const finished = done(tx);
    tx.objectStore(BYTES).delete(id);
    tx.objectStore(INDEX).delete(id);
    const meta = tx.objectStore(META);
    const last = await req(meta.get(LAST));
    if (last === id) meta.delete(LAST);
    await finished;
  });
}

export function lastId(): Promise<string | null> {
  return withDb(async (d) => {
    const v = await req(d.transaction(META).objectStore(META).get(LAST));
    return typeof v === 'string' ? v : null;
  });
}

export function setLast(id: string | null): Promise<void> {
  return withDb(async (d) => {
    const tx = d.transaction(META, 'readwrite');
    const finished = done(tx);
    if (id) tx.objectStore(META).put(id, LAST);
    else tx.objectStore(META).delete(LAST);
    await finished;
  });
}

export interface StorageInfo {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

/** Ask the browser not to evict our data under storage pressure (it may say no). */
export async function persist(): Promise<boolean | null> {
  try {
    if (!navigator.storage?.persist) return null;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return null;
  }
}

export async function storageInfo(): Promise<StorageInfo> {
  const info: StorageInfo = { usage: null, quota: null, persisted: null };
  try {
    if (navigator.storage?.estimate) {
      const e = await navigator.storage.estimate();
      info.usage = e.usage ?? null;
      info.quota = e.quota ?? null;
    }
    if (navigator.storage?.persisted) info.persisted = await navigator.storage.persisted();
  } catch {
    /* not available (e.g. file://): shown as unknown */
  }
  return info;
}
