export const defaultModelHosts: string[];
export function modelHosts(env?: Record<string, string | undefined>): string[];
export function contentSecurityPolicy(hosts?: string[]): string;
