export function zip(entries: { name: string; data: Buffer | string; store?: boolean }[]): Buffer;
export function unzip(buf: Buffer): Map<string, Buffer>;
