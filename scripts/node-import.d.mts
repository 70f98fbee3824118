/** Builds one TypeScript entry for Node with Vite and imports it (node-import.mjs). */
export function importTsForNode(root: string, entry: string, name: string): Promise<any>;
