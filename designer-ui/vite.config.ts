import { defineConfig } from 'vitest/config';

// The Quarkus runtime listens on 8080; `npm run dev` forwards the API and the
// Quarkus endpoints (/q/swagger-ui, /q/openapi, /q/health) to it.
const backend = 'http://localhost:8080';

export default defineConfig({
  server: {
    proxy: {
      '/api': backend,
      '/q': backend,
    },
  },
  build: {
    outDir: 'dist',
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
