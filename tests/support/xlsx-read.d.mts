export function unzip(buf: Buffer): Map<string, Buffer>;
export function readXlsx(buf: Buffer): Record<string, string[][]>;
