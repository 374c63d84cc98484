/**
 * The web console's build: Vite with React, from console/ into console/dist. The bundle is the
 * same for `npm start` and for AWS: where it signs in comes from /config.json at run time.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // One chunk, one round trip; its budget (250 KB gzipped) is measured by `npm run bench`.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1_000,
  },
});
