/** package.json's version, defined by Vite at build time (vite.config.ts). */
declare const __APP_VERSION__: string;

/** The hosts this build may download models from (empty for a workshop-pack build). */
declare const __MODEL_HOSTS__: string[];
