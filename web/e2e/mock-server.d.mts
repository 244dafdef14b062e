export const CSP: string;
export function startMockServer(opts?: { port?: number; host?: string; webRoot?: string; auth?: boolean }): Promise<{ url: string; close: () => Promise<void> }>;
