// The part of pngjs the specs use (its own types live in @types/pngjs, which
// the specs' path mapping cannot reach from here).
declare module 'pngjs' {
  export const PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } };
}
