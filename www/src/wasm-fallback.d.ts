// Used by `tsc` only when www/pkg (the wasm-bindgen output) has not been built
// yet: tsconfig "paths" tries ./pkg/thonso_wasm.js first. It mirrors the
// exports of crate thonso-wasm, so the front end can be typechecked alone.
export interface InitInput {
  module_or_path: RequestInfo | URL | BufferSource | WebAssembly.Module;
}
export default function init(input?: InitInput | Promise<InitInput>): Promise<unknown>;
export function initSync(input: { module: BufferSource | WebAssembly.Module }): unknown;
export function version(): string;
export function demo_workbook(): Uint8Array;
export function decode_share(link: string): any;
export function merge_share(links: string[]): any;
export function workspace_encode(manifest: any, files: Uint8Array[]): Uint8Array;
export function workspace_decode(bytes: Uint8Array): any;
export function max_file_bytes(): number;
export function check_file_size(size: number, file_name: string): void;
export function is_workspace(bytes: Uint8Array): boolean;
export function comfortable_link_chars(): number;
export function canon_groups(): any;
export function table_csv(table: any): string;
export class Session {
  private constructor();
  static open(bytes: Uint8Array, file_name: string, on_progress: Function | null | undefined, options: any): Session;
  inspect(): any;
  framework(): any;
  score(options: any): any;
  turnaround(options: any): any;
  export_xlsx(options: any): Uint8Array;
  villages_csv(options: any): string;
  compare_with(earlier: Session): any;
  share_link(at: string, options: any): string;
  share_link_summary(at: string, options: any): string;
  share_link_merge(at: string, options: any): string;
  workspace(): any;
  free(): void;
}
