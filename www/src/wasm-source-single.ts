// The single-file build's wasm: the page carries it deflate-raw compressed
// and base64-encoded in a data block, decodes it once and posts the
// compressed bytes to each worker it starts (worker-factory-single.ts); here
// they are inflated with DecompressionStream. Nothing is fetched, so the file
// works from file:// with no server.
interface WasmMessage {
  type: 'wasm';
  bytes: ArrayBuffer;
}

export function wasmInput(): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const onMessage = (e: MessageEvent<WasmMessage>) => {
      if (e.data?.type !== 'wasm') return;
      self.removeEventListener('message', onMessage as EventListener);
      const inflated = new Blob([e.data.bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      new Response(inflated).arrayBuffer().then(resolve, reject);
    };
    self.addEventListener('message', onMessage as EventListener);
  });
}

// The single file carries no demo workbook: the engine generates it.
export function demoInput(): URL | null {
  return null;
}
