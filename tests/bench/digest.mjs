// The file's SHA-256 as the app's worker computes it (WebCrypto), for both
// harnesses: without a digest from the host the core hashes in wasm, which
// the app never does. No Node APIs: the browser worker bundles this file.
export async function sha256Hex(bytes) {
  const d = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}
