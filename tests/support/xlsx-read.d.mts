export function readXlsx(buf: Buffer): Record<string, string[][]>;
