import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  // Mixin packages import the library as `grafts` and `grafts/<entry>` (their peer dependency);
  // in this repository that is the library's own source (entries as in package.json `exports`).
  resolve: {
    alias: [
      { find: /^grafts$/, replacement: fileURLToPath(new URL('./lib/index.ts', import.meta.url)) },
      { find: /^grafts\/(api|import|grafana|testing)$/, replacement: fileURLToPath(new URL('./lib/$1/index.ts', import.meta.url)) },
    ],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'mixins/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/integration/**'],
        },
      },
      {
        // Against real Prometheus and node exporter, shared by every file: started once by the
        // global setup, and only when a file of this project runs (test/support/shared-stack.ts).
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/prometheus-global-setup.ts'],
        },
      },
    ],
  },
});
