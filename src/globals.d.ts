/** package.json's version, defined by Vite at build time (vite.config.ts). */
declare const __APP_VERSION__: string;
