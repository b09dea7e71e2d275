import { defineConfig } from 'vitest/config';

// The Quarkus runtime listens on 8080 (or CONTINUUM_BACKEND); `npm run dev` and
// `vite preview` forward the API and the Quarkus endpoints (/q/swagger-ui, /q/openapi, /q/health) to it.
declare const process: { env: Record<string, string | undefined> };
const backend = process.env.CONTINUUM_BACKEND ?? 'http://localhost:8080';

export default defineConfig({
  server: {
    proxy: {
      '/api': backend,
      '/q': backend,
    },
  },
  build: {
    outDir: 'dist',
    // The decision studio's chunk holds dmn-js and CodeMirror; it loads only when the studio opens.
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
